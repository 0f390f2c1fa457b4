package io.jessy.engine;

import static io.jessy.engine.Fixtures.dimension;
import static io.jessy.engine.Fixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.engine.Iteration.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueInvariantsTest {

  @Test
  void measuresLayerOverlapAsAShareOfDistinctTokens() {
    Layer layer = new Layer(0, "Root", 1.0, Set.of("sad", "feel"));

    assertThat(layer.matches(Set.of("sad", "day"))).isEqualTo(1);
    assertThat(layer.overlap(Set.of("sad", "day"))).isEqualTo(0.5);
    assertThat(layer.overlap(Set.of("sad", "feel"))).isEqualTo(1.0);
    assertThat(layer.overlap(Set.of("day"))).isZero();
    assertThat(layer.overlap(Set.of())).isZero();
  }

  @Test
  void copiesLayerKeywordsSoLaterChangesDoNotLeakIn() {
    Set<String> keywords = new HashSet<>(Set.of("sad"));
    Layer layer = new Layer(0, "Root", 1.0, keywords);

    keywords.add("happy");

    assertThat(layer.keywords()).containsExactly("sad");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 5})
  void rejectsADimensionWithoutExactlyFourLayers(int count) {
    List<Layer> layers = new ArrayList<>();
    for (int level = 0; level < count; level++) {
      layers.add(new Layer(level, "L" + level, 1.0 + level, Set.of("w")));
    }

    assertThatThrownBy(() -> new Dimension(1, "One", 0.5, 5.0, layers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a dimension has exactly 4 layers");
  }

  @Test
  void startsADimensionAtItsRootLayer() {
    Dimension dimension = dimension(4, 1.2);

    assertThat(dimension.root().level()).isZero();
    assertThat(dimension.root().frequency()).isEqualTo(1.2);
    assertThatThrownBy(() -> dimension.layers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
  void rejectsAnActivationConfidenceOutsideTheUnitInterval(double confidence) {
    Dimension dimension = dimension(1, 1.0);

    assertThatThrownBy(
            () -> new ActivatedDimension(dimension, confidence, 1, List.of(dimension.root())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("confidence must be in [0, 1]");
  }

  @Test
  void rejectsAnActivationWithoutALayerPath() {
    Dimension dimension = dimension(1, 1.0);

    assertThatThrownBy(() -> new ActivatedDimension(dimension, 0.5, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the layer path starts at the root layer");
    assertThatThrownBy(() -> new ActivatedDimension(null, 0.5, 1, List.of(dimension.root())))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void resonatesAtTheDeepestLayerOfItsPath() {
    Dimension dimension = dimension(1, 1.0);
    ActivatedDimension activated =
        new ActivatedDimension(dimension, 0.5, 1, dimension.layers().subList(0, 3));

    assertThat(activated.layer().level()).isEqualTo(2);
    assertThat(activated.frequency()).isEqualTo(1.2);
  }

  @Test
  void rejectsANavigationWithoutDimensions() {
    assertThatThrownBy(() -> new Navigation(List.of(), List.of(), false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("navigation always activates at least one dimension");
  }

  @Test
  void copiesNavigationLists() {
    List<String> tokens = new ArrayList<>(List.of("sad"));
    List<ActivatedDimension> dimensions = new ArrayList<>(List.of(wave(1, 1.0, 1.0)));
    Navigation navigation = new Navigation(tokens, dimensions, false, false);

    tokens.add("happy");
    dimensions.add(wave(2, 2.0, 1.0));

    assertThat(navigation.tokens()).containsExactly("sad");
    assertThat(navigation.dimensions()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"0, 0.5", "10, 0.5", "1, -0.01", "1, 1.01", "1, NaN"})
  void rejectsAnIterationOutOfRange(int number, double confidence) {
    assertThatThrownBy(() -> new Iteration(number, Phase.EXPLORATION, "thought", confidence))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresAnIterationPhaseAndThought() {
    assertThatThrownBy(() -> new Iteration(1, null, "thought", 0.5))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("phase");
    assertThatThrownBy(() -> new Iteration(1, Phase.EXPLORATION, null, 0.5))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("thought");
  }

  @Test
  void requiresAtLeastOneIteration() {
    assertThatThrownBy(() -> new Iterations(List.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at least one iteration runs");
  }

  @Test
  void reportsTheLastIterationsConfidence() {
    Iterations iterations =
        new Iterations(
            List.of(
                new Iteration(1, Phase.EXPLORATION, "a", 0.3),
                new Iteration(2, Phase.EXPLORATION, "b", 0.6)),
            false);

    assertThat(iterations.count()).isEqualTo(2);
    assertThat(iterations.last().thought()).isEqualTo("b");
    assertThat(iterations.confidence()).isEqualTo(0.6);
  }

  @ParameterizedTest
  @CsvSource({
    "EXPLORATION, exploration",
    "REFINEMENT, refinement",
    "CRYSTALLISATION, crystallisation"
  })
  void labelsPhasesInLowerCase(Phase phase, String label) {
    assertThat(phase.label()).isEqualTo(label);
  }

  @ParameterizedTest
  @CsvSource({"LOCAL, local", "LLM, llm", "FALLBACK, fallback", "SAFETY, safety"})
  void labelsAnswerSourcesInLowerCase(Answer.Source source, String label) {
    assertThat(source.label()).isEqualTo(label);
  }

  @Test
  void requiresAnswerTextAndSource() {
    assertThatThrownBy(() -> new Answer(null, Answer.Source.LOCAL))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text");
    assertThatThrownBy(() -> new Answer("text", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("source");
  }

  @Test
  void requiresEveryPartOfAReflection() {
    Navigation navigation = new Navigation(List.of(), List.of(wave(1, 1.0, 0.0)), false, true);
    Interference interference = new InterferenceEngine().interfere(navigation.dimensions());
    Iterations iterations = new IterationProcessor().iterate(navigation, interference, 1);

    assertThatThrownBy(() -> new Reflection.Redirected(null, SafetyCategory.HATE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query");
    assertThatThrownBy(() -> new Reflection.Redirected("q", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("category");
    assertThatThrownBy(() -> new Reflection.Completed(null, navigation, interference, iterations))
        .hasMessage("query");
    assertThatThrownBy(() -> new Reflection.Completed("q", null, interference, iterations))
        .hasMessage("navigation");
    assertThatThrownBy(() -> new Reflection.Completed("q", navigation, null, iterations))
        .hasMessage("interference");
    assertThatThrownBy(() -> new Reflection.Completed("q", navigation, interference, null))
        .hasMessage("iterations");
  }

  @Test
  void requiresLayerAndDimensionNames() {
    assertThatThrownBy(() -> new Layer(0, null, 1.0, Set.of("w")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    List<Layer> layers = dimension(1, 1.0).layers();
    assertThatThrownBy(() -> new Dimension(1, null, 0.5, 5.0, layers))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }
}
