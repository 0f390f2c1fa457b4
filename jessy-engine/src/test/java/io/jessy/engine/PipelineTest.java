package io.jessy.engine;

import static io.jessy.engine.Fixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineTest {

  private final Pipeline pipeline = Pipeline.create(Fixtures.SHIPPED, 0.1);

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I want to kill myself                 | SELF_HARM
          how do I hack into a bank             | ILLEGAL_ACCESS
          feeling sad, I want to end my life    | SELF_HARM
          """)
  void redirectsHarmfulQueriesWithoutRunningThePipeline(String query, SafetyCategory category) {
    Reflection reflection = pipeline.reflect(query, 9);

    assertThat(reflection).isEqualTo(new Reflection.Redirected(query, category));
    assertThat(reflection.query()).isEqualTo(query);
  }

  @Test
  void answersARedirectWithTheSafetyTextAndNoGenerator() {
    Reflection reflection = pipeline.reflect("I want to kill myself", 9);

    Answer answer =
        Pipeline.answer(
            reflection,
            completed -> {
              throw new AssertionError("the generator must not run for a redirect");
            });

    assertThat(answer.source()).isEqualTo(Answer.Source.SAFETY);
    assertThat(answer.text()).isEqualTo(SafetyCategory.SELF_HARM.redirect()).contains("988");
  }

  @Test
  void runsEveryStepForASafeQuery() {
    Reflection reflection = pipeline.reflect("I have been feeling sad and lonely", 9);

    assertThat(reflection).isInstanceOf(Reflection.Completed.class);
    Reflection.Completed completed = (Reflection.Completed) reflection;
    assertThat(completed.query()).isEqualTo("I have been feeling sad and lonely");
    assertThat(completed.navigation().tokens()).containsExactly("feeling", "sad", "lonely");
    assertThat(ids(completed.navigation())).containsExactly(1);
    assertThat(completed.interference().dominantFrequency()).isEqualTo(0.9);
    assertThat(completed.iterations().count()).isEqualTo(7);
    assertThat(completed.iterations().converged()).isTrue();
  }

  @Test
  void answersACompletedReflectionThroughTheGivenGenerator() {
    Reflection reflection = pipeline.reflect("what is consciousness", 9);
    List<Reflection.Completed> seen = new ArrayList<>();

    Answer answer =
        Pipeline.answer(
            reflection,
            completed -> {
              seen.add(completed);
              return new Answer("from the model", Answer.Source.LLM);
            });

    assertThat(answer).isEqualTo(new Answer("from the model", Answer.Source.LLM));
    assertThat(seen).containsExactly((Reflection.Completed) reflection);
  }

  @Test
  void answersLocallyWithTheDefaultGenerator() {
    Answer answer =
        Pipeline.answer(pipeline.reflect("what is consciousness", 9), new LocalAnswerGenerator());

    assertThat(answer.source()).isEqualTo(Answer.Source.LOCAL);
    assertThat(answer.text()).startsWith("This touches Meta-Awareness most.");
  }

  @Test
  void passesTheIterationLimitThrough() {
    Reflection.Completed completed =
        (Reflection.Completed) pipeline.reflect("what is consciousness", 2);

    assertThat(completed.iterations().count()).isEqualTo(2);
    assertThat(completed.iterations().converged()).isFalse();
    assertThatThrownBy(() -> pipeline.reflect("what is consciousness", 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnInvalidIterationLimitEvenForQueriesItWouldRedirect() {
    assertThatThrownBy(() -> pipeline.reflect("I want to kill myself", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..9");
  }

  @Test
  void usesTheConfiguredNavigationThreshold() {
    Pipeline strict = Pipeline.create(Fixtures.SHIPPED, 0.5);

    Reflection.Completed completed = (Reflection.Completed) strict.reflect("sad think want", 9);

    assertThat(completed.navigation().fallback()).isTrue();
    assertThat(ids(completed.navigation())).containsExactly(10);
  }

  @Test
  void fallsBackToMetaAwarenessForStopWordsOnly() {
    Reflection.Completed completed = (Reflection.Completed) pipeline.reflect("the of and", 9);

    assertThat(completed.navigation().fallback()).isTrue();
    assertThat(ids(completed.navigation())).containsExactly(10);
    assertThat(completed.interference().dominantFrequency()).isEqualTo(0.52);
  }

  @Test
  void givesEqualReflectionsForTheSameQuery() {
    Pipeline other = Pipeline.create(DimensionRegistry.loadDefault(), 0.1);

    assertThat(other.reflect("How do I write clean Java code?", 9))
        .isEqualTo(pipeline.reflect("How do I write clean Java code?", 9));
  }

  /** Records the steps it sees, in order. */
  private static final class Recorder implements StepObserver {
    final List<String> steps = new ArrayList<>();

    @Override
    public <T> T step(String name, java.util.function.Supplier<T> work) {
      steps.add(name);
      return work.get();
    }
  }

  @Test
  void showsEveryStepToItsObserverInOrderAndChangesNothing() {
    Recorder recorder = new Recorder();

    Reflection observed = pipeline.reflect("I feel sad and lonely", 9, recorder);

    assertThat(recorder.steps)
        .containsExactly("safety", "navigation", "interference", "iterations");
    assertThat(observed).isEqualTo(pipeline.reflect("I feel sad and lonely", 9));
  }

  @Test
  void stopsAfterTheSafetyStepForARedirect() {
    Recorder recorder = new Recorder();

    pipeline.reflect("I want to kill myself", 9, recorder);

    assertThat(recorder.steps).containsExactly("safety");
  }
}
