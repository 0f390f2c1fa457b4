package io.jessy.engine;

import static io.jessy.engine.Fixtures.ids;
import static io.jessy.engine.Fixtures.levels;
import static io.jessy.engine.Fixtures.navigate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NavigatorTest {

  /** Eight words that are neither keywords nor stop-words, to dilute a query. */
  private static final String FILLER = "alpha bravo charlie delta echo foxtrot golf hotel";

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I have been feeling sad and lonely                        | 1              | false | false
          what is consciousness                                     | 10             | false | false
          the of and                                                | 10             | true  | false
          xyzzy plugh                                               | 10             | true  | false
          How do I write clean Java code?                           | 7 8            | false | false
          why does time feel so fast                                | 1 5 6          | false | false
          think logic sad want                                      | 2 1 3          | false | false
          want sad logic think                                      | 2 1 3          | false | false
          emotion cognition intention social time philosophy        | 1 2 3 4 5 6    | false | false
          emotion cognition intention social time philosophy code   | 1 2 3          | false | true
          code philosophy time social intention cognition emotion   | 1 2 3          | false | true
          emotion cognition intention social time philosophy code art ethics | 1 2 3 | false | true
          """)
  void activatesTheGoldenDimensions(
      String query, String expectedIds, boolean fallback, boolean returnToSource) {
    Navigation navigation = navigate(query);

    assertThat(ids(navigation)).containsExactlyElementsOf(parseIds(expectedIds));
    assertThat(navigation.fallback()).isEqualTo(fallback);
    assertThat(navigation.returnToSource()).isEqualTo(returnToSource);
  }

  @Test
  void putsEmotionFirstForAQueryAboutFeelings() {
    Navigation navigation = navigate("I have been feeling sad and lonely");

    ActivatedDimension first = navigation.dimensions().get(0);
    assertThat(first.dimension().name()).isEqualTo("Emotion");
    assertThat(first.confidence()).isEqualTo(1.0);
    assertThat(first.matches()).isEqualTo(3);
    assertThat(navigation.tokens()).containsExactly("feeling", "sad", "lonely");
  }

  @Test
  void activatesMetaAwarenessForConsciousness() {
    Navigation navigation = navigate("what is consciousness");

    assertThat(navigation.dimensions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.dimension().name()).isEqualTo("Meta-Awareness");
              assertThat(d.confidence()).isEqualTo(1.0);
              assertThat(d.matches()).isEqualTo(1);
            });
    assertThat(navigation.fallback()).isFalse();
  }

  @Test
  void fallsBackToMetaAwarenessAloneWhenOnlyStopWordsRemain() {
    Navigation navigation = navigate("the of and");

    assertThat(navigation.fallback()).isTrue();
    assertThat(navigation.returnToSource()).isFalse();
    assertThat(navigation.tokens()).isEmpty();
    assertThat(navigation.dimensions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.dimension().id()).isEqualTo(10);
              assertThat(d.confidence()).isZero();
              assertThat(d.matches()).isZero();
              assertThat(levels(d)).containsExactly(0);
            });
  }

  @Test
  void returnsToSourceKeepingTheTopThreeWhenMoreThanSixPass() {
    Navigation navigation = navigate("emotion cognition intention social time philosophy code art");

    assertThat(navigation.returnToSource()).isTrue();
    assertThat(navigation.fallback()).isFalse();
    assertThat(navigation.dimensions()).hasSize(Navigator.RETURN_TO_SOURCE_KEEP);
    assertThat(navigation.dimensions())
        .allSatisfy(d -> assertThat(d.confidence()).isEqualTo(1.0 / 8));
  }

  @Test
  void ranksByConfidenceThenId() {
    // Cognition matches two of five tokens; Emotion, Intention and Ethics one each.
    Navigation navigation = navigate("right want think sad logic");

    assertThat(ids(navigation)).containsExactly(2, 1, 3, 9);
    assertThat(navigation.dimensions())
        .extracting(ActivatedDimension::confidence)
        .containsExactly(0.4, 0.2, 0.2, 0.2);
    assertThat(navigation.dimensions())
        .extracting(ActivatedDimension::matches)
        .containsExactly(2, 1, 1, 1);
  }

  @Test
  void countsDistinctTokensOnly() {
    Navigation navigation = navigate("sad sad sad think");

    assertThat(navigation.dimensions())
        .extracting(ActivatedDimension::confidence)
        .containsExactly(0.5, 0.5);
    assertThat(navigation.tokens()).containsExactly("sad", "sad", "sad", "think");
  }

  @Test
  void letsAConfidenceEqualToTheThresholdPass() {
    // One keyword among ten distinct tokens: exactly 0.1.
    Navigation navigation = navigate("sad " + FILLER + " india");

    assertThat(navigation.fallback()).isFalse();
    assertThat(navigation.dimensions().get(0).confidence()).isEqualTo(0.1);
  }

  @Test
  void fallsBackWhenEveryConfidenceIsBelowTheThreshold() {
    // One keyword among eleven distinct tokens: 0.09.
    Navigation navigation = navigate("sad " + FILLER + " india juliet");

    assertThat(navigation.fallback()).isTrue();
    assertThat(ids(navigation)).containsExactly(10);
  }

  @Test
  void honoursAConfiguredThreshold() {
    Navigator strict = new Navigator(Fixtures.SHIPPED, 0.5);

    assertThat(strict.threshold()).isEqualTo(0.5);
    assertThat(strict.navigate(List.of("sad", "think", "want")).fallback()).isTrue();
    assertThat(ids(strict.navigate(List.of("sad", "feel", "think")))).containsExactly(1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.1, 1.01, Double.NaN})
  void rejectsAThresholdOutsideZeroToOne(double threshold) {
    assertThatThrownBy(() -> new Navigator(Fixtures.SHIPPED, threshold))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("threshold must be in (0, 1]");
  }

  @Test
  void acceptsAThresholdOfOne() {
    Navigator navigator = new Navigator(Fixtures.SHIPPED, 1.0);

    assertThat(ids(navigator.navigate(List.of("sad")))).containsExactly(1);
    assertThat(navigator.navigate(List.of("sad", "think")).fallback()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" walks Emotion {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sad                                                 | 0
          sad grief                                           | 0 1
          sad grief trigger                                   | 0 1 2
          sad grief trigger valence                           | 0 1 2 3
          sad trigger valence                                 | 0
          sad grief valence                                   | 0 1
          sad grief alpha bravo charlie delta echo foxtrot golf hotel       | 0 1
          sad feel grief alpha bravo charlie delta echo foxtrot golf hotel  | 0
          """)
  void walksDeeperOnlyWhileTheNextLayerOverlapIsAtLeastATenth(String query, String levels) {
    ActivatedDimension emotion = navigate(query).dimensions().get(0);

    assertThat(emotion.dimension().id()).isEqualTo(1);
    assertThat(levels(emotion)).containsExactlyElementsOf(parseIds(levels));
    assertThat(emotion.frequency()).isEqualTo(emotion.layer().frequency());
  }

  @Test
  void resonatesAtTheDeepestLayerReached() {
    ActivatedDimension emotion = navigate("sad grief trigger valence").dimensions().get(0);

    assertThat(emotion.layer().name()).isEqualTo("Core affect");
    assertThat(emotion.frequency()).isEqualTo(2.1);
  }

  @Test
  void walksTheFallbackDimensionToo() {
    Navigation navigation = navigate("meditation");

    assertThat(navigation.fallback()).isTrue();
    assertThat(levels(navigation.dimensions().get(0))).containsExactly(0, 1);
  }

  @Test
  void keepsTheTokensItWasGiven() {
    List<String> tokens = List.of("sad", "xyzzy");

    assertThat(new Navigator(Fixtures.SHIPPED, 0.1).navigate(tokens).tokens())
        .containsExactly("sad", "xyzzy");
  }

  private static List<Integer> parseIds(String text) {
    return Arrays.stream(text.trim().split(" +")).map(Integer::valueOf).toList();
  }
}
