package io.jessy.engine;

import static io.jessy.engine.Fixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.engine.Interference.Balance;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalAnswerGeneratorTest {

  private final Pipeline pipeline = Pipeline.create(Fixtures.SHIPPED, 0.1);
  private final LocalAnswerGenerator generator = new LocalAnswerGenerator();

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I have been feeling sad and lonely | This touches Emotion most. It resonates at 0.90 Hz, slow and contemplative. Crystallising around Emotion at 0.90 Hz. I feel settled in this view (confidence 0.97).
          sad think                          | This touches Emotion most, and also Cognition. Together they resonate at 1.15 Hz, steady and reflective. Crystallising around Emotion at 1.15 Hz. I feel settled in this view (confidence 0.96).
          right want think sad logic         | This touches Cognition most, and also Emotion, Intention and Ethical Framework.
          How do I write clean Java code?    | This touches Technical Level most, and also Creative Mode. Together they resonate at 2.13 Hz, engaged and analytical.
          the of and                         | Nothing in the question matched a dimension directly, so I turned to Meta-Awareness itself. It resonates at 0.52 Hz, slow and contemplative.
          emotion cognition intention social time philosophy code | This touches Emotion most, and also Cognition and Intention. So much was in play that I returned to the source and kept the 3 strongest threads. Together they resonate at 1.40 Hz
          sense visual perception            | This touches Sensory Processing most. It resonates at 2.45 Hz, eased toward calm because dominant frequency 3.70 Hz exceeds 3.5 Hz.
          """)
  void composesTheAnswerFromDimensionsFrequencyAndFinalThought(String query, String expected) {
    Answer answer = generate(query, 9);

    assertThat(answer.text()).startsWith(expected);
    assertThat(answer.source()).isEqualTo(Answer.Source.LOCAL);
  }

  @Test
  void mentionsEveryActivatedDimensionTheFrequencyAndTheLastThought() {
    Reflection.Completed reflection = reflect("right want think sad logic", 9);

    String text = generator.generate(reflection).text();

    assertThat(text)
        .contains(
            reflection.navigation().dimensions().stream().map(d -> d.dimension().name()).toList());
    assertThat(text)
        .contains(
            String.format(Locale.ROOT, "%.2f Hz", reflection.interference().dominantFrequency()));
    assertThat(text).contains(reflection.iterations().last().thought());
  }

  @Test
  void saysHowFarItGotWhenItDidNotConverge() {
    Answer answer = generate("I have been feeling sad and lonely", 3);

    assertThat(answer.text())
        .endsWith(
            "This is where I arrived after 3 iterations, with confidence 0.85;"
                + " ask me more to go deeper.");
  }

  @ParameterizedTest(name = "{0} Hz is {1}")
  @CsvSource({
    "0.5,  slow and contemplative",
    "0.99, slow and contemplative",
    "1.0,  steady and reflective",
    "1.99, steady and reflective",
    "2.0,  engaged and analytical",
    "2.99, engaged and analytical",
    "3.0,  quick and intense",
    "3.5,  quick and intense"
  })
  void describesTheCharacterOfTheDominantFrequency(double frequency, String character) {
    Navigation navigation =
        new Navigation(List.of("w"), List.of(wave(1, frequency, 1.0)), false, false);
    Interference interference =
        new Interference(List.of(), List.of(), frequency, new Balance(false, frequency, ""));
    Iterations iterations = new IterationProcessor().iterate(navigation, interference, 9);

    String text =
        generator
            .generate(new Reflection.Completed("q", navigation, interference, iterations))
            .text();

    assertThat(text)
        .contains(String.format(Locale.ROOT, "It resonates at %.2f Hz, %s.", frequency, character));
  }

  @Test
  void givesTheSameAnswerEveryTimeAndInEveryLocale() {
    Reflection.Completed reflection = reflect("sad think", 9);
    Answer first = generator.generate(reflection);

    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertThat(generator.generate(reflection)).isEqualTo(first);
      assertThat(new LocalAnswerGenerator().generate(reflect("sad think", 9))).isEqualTo(first);
    } finally {
      Locale.setDefault(previous);
    }
    assertThat(first.text()).contains("1.15 Hz").doesNotContain("1,15");
  }

  private Answer generate(String query, int maxIterations) {
    return generator.generate(reflect(query, maxIterations));
  }

  private Reflection.Completed reflect(String query, int maxIterations) {
    return (Reflection.Completed) pipeline.reflect(query, maxIterations);
  }
}
