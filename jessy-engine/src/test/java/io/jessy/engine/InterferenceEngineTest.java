package io.jessy.engine;

import static io.jessy.engine.Fixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jessy.engine.Interference.Harmonic;
import io.jessy.engine.Interference.Pair;
import io.jessy.engine.Interference.PairKind;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterferenceEngineTest {

  private static final double EPSILON = 1e-9;

  private final InterferenceEngine engine = new InterferenceEngine();

  @ParameterizedTest(name = "[{index}] {0} Hz and {1} Hz are {2}")
  @CsvSource(
      textBlock =
          """
          1.0,  1.0,  CONSTRUCTIVE
          1.0,  1.1,  CONSTRUCTIVE
          1.0,  1.15, CONSTRUCTIVE
          1.0,  1.25, NEUTRAL
          0.5,  2.5,  NEUTRAL
          0.5,  2.75, DESTRUCTIVE
          2.75, 0.5,  DESTRUCTIVE
          0.2,  4.4,  DESTRUCTIVE
          """)
  void classifiesPairsByFrequencyDistance(double f1, double f2, PairKind kind) {
    Interference interference = engine.interfere(List.of(wave(1, f1, 0.5), wave(2, f2, 0.5)));

    assertThat(interference.pairs())
        .singleElement()
        .satisfies(
            pair -> {
              assertThat(pair.kind()).isEqualTo(kind);
              assertThat(pair.delta()).isCloseTo(Math.abs(f1 - f2), within(EPSILON));
            });
  }

  @ParameterizedTest(name = "[{index}] {0} Hz and {1} Hz -> {2}")
  @CsvSource(
      textBlock =
          """
          1.0, 2.0,     octave
          1.0, 2.09,    octave
          1.0, 1.91,    octave
          3.0, 1.5,     octave
          1.0, 1.5,     fifth
          2.0, 3.0,     fifth
          1.0, 1.45,    fifth
          1.0, 1.3333,  fourth
          1.0, 1.3,     fourth
          1.0, 1.27,    major third
          1.0, 1.25,    major third
          1.0, 1.2,     major third
          1.0, 2.11,    none
          1.0, 1.1,     none
          1.0, 1.7,     none
          1.0, 1.0,     none
          0.4, 3.0,     none
          """)
  void findsTheClosestSimpleIntervalWithinFivePercent(double f1, double f2, String interval) {
    Interference interference = engine.interfere(List.of(wave(1, f1, 0.5), wave(2, f2, 0.5)));

    if (interval.equals("none")) {
      assertThat(interference.harmonics()).isEmpty();
      assertThat(interference.pairs().get(0).harmonic()).isFalse();
    } else {
      assertThat(interference.harmonics())
          .singleElement()
          .satisfies(
              harmonic -> {
                assertThat(harmonic.interval()).isEqualTo(interval);
                assertThat(harmonic.ratio())
                    .isCloseTo(Math.max(f1, f2) / Math.min(f1, f2), within(EPSILON));
              });
      assertThat(interference.pairs().get(0).harmonic()).isTrue();
    }
  }

  @Test
  void namesEachPairByIdsLowerFirst() {
    Interference interference = engine.interfere(List.of(wave(5, 1.0, 0.5), wave(2, 2.0, 0.5)));

    assertThat(interference.pairs()).containsExactly(new Pair(2, 5, 1.0, PairKind.NEUTRAL, true));
    assertThat(interference.harmonics()).containsExactly(new Harmonic(2, 5, "octave", 2.0));
  }

  @Test
  void pairsEveryTwoDimensionsOnce() {
    Interference interference =
        engine.interfere(
            List.of(wave(1, 1.0, 0.2), wave(2, 1.1, 0.2), wave(3, 1.7, 0.2), wave(4, 3.0, 0.2)));

    assertThat(interference.pairs())
        .extracting(pair -> pair.first() + "-" + pair.second())
        .containsExactly("1-2", "1-3", "1-4", "2-3", "2-4", "3-4");
  }

  @Test
  void weighsTheDominantFrequencyByAmplitude() {
    Interference interference = engine.interfere(List.of(wave(1, 1.0, 0.75), wave(2, 2.0, 0.25)));

    assertThat(interference.dominantFrequency()).isCloseTo(1.25, within(EPSILON));
    assertThat(interference.balance().applied()).isFalse();
    assertThat(interference.balance().originalFrequency()).isCloseTo(1.25, within(EPSILON));
    assertThat(interference.balance().reason()).isEmpty();
  }

  @Test
  void takesThePlainMeanWhenEveryAmplitudeIsZero() {
    Interference interference = engine.interfere(List.of(wave(1, 1.0, 0.0), wave(2, 2.0, 0.0)));

    assertThat(interference.dominantFrequency()).isCloseTo(1.5, within(EPSILON));
  }

  @Test
  void resonatesAtTheOnlyFrequencyOfASingleDimension() {
    Interference interference = engine.interfere(List.of(wave(10, 0.52, 0.0)));

    assertThat(interference.pairs()).isEmpty();
    assertThat(interference.harmonics()).isEmpty();
    assertThat(interference.dominantFrequency()).isEqualTo(0.52);
    assertThat(interference.balance().applied()).isFalse();
  }

  @Test
  void pullsAFrequencyAboveThreeAndAHalfHertzHalfwayToCalm() {
    Interference interference = engine.interfere(List.of(wave(11, 3.7, 1.0)));

    assertThat(interference.balance().applied()).isTrue();
    assertThat(interference.balance().originalFrequency()).isEqualTo(3.7);
    assertThat(interference.balance().reason())
        .isEqualTo("dominant frequency 3.70 Hz exceeds 3.5 Hz");
    assertThat(interference.dominantFrequency()).isCloseTo(2.45, within(EPSILON));
  }

  @Test
  void leavesAFrequencyOfExactlyThreeAndAHalfHertzAlone() {
    Interference interference = engine.interfere(List.of(wave(7, 3.5, 1.0)));

    assertThat(interference.balance().applied()).isFalse();
    assertThat(interference.dominantFrequency()).isEqualTo(3.5);
  }

  @Test
  void balancesMoreThanTwoUnresolvedDissonances() {
    // 0.3 Hz clashes with each of the others; they are not harmonics of it.
    Interference interference =
        engine.interfere(
            List.of(wave(1, 0.3, 0.5), wave(2, 2.5, 0.5), wave(3, 2.75, 0.5), wave(4, 3.0, 0.5)));

    assertThat(interference.unresolvedDissonances()).isEqualTo(3);
    assertThat(interference.balance().applied()).isTrue();
    assertThat(interference.balance().reason()).isEqualTo("3 unresolved dissonances");
    assertThat(interference.balance().originalFrequency()).isCloseTo(2.1375, within(EPSILON));
    assertThat(interference.dominantFrequency()).isCloseTo(1.66875, within(EPSILON));
  }

  @Test
  void toleratesTwoUnresolvedDissonances() {
    Interference interference =
        engine.interfere(List.of(wave(1, 0.3, 0.5), wave(2, 2.5, 0.5), wave(3, 2.75, 0.5)));

    assertThat(interference.unresolvedDissonances()).isEqualTo(2);
    assertThat(interference.balance().applied()).isFalse();
    assertThat(interference.dominantFrequency()).isCloseTo(1.85, within(EPSILON));
  }

  @Test
  void resolvesADestructivePairThatIsAHarmonic() {
    Interference interference = engine.interfere(List.of(wave(1, 2.0, 0.5), wave(2, 4.1, 0.5)));

    Pair pair = interference.pairs().get(0);
    assertThat(pair.kind()).isEqualTo(PairKind.DESTRUCTIVE);
    assertThat(pair.harmonic()).isTrue();
    assertThat(pair.unresolved()).isFalse();
    assertThat(interference.unresolvedDissonances()).isZero();
  }

  @Test
  void givesTheFrequencyReasonWhenBothBalanceRulesApply() {
    Interference interference =
        engine.interfere(
            List.of(wave(1, 0.3, 0.01), wave(2, 4.0, 1.0), wave(3, 4.1, 1.0), wave(4, 4.2, 1.0)));

    assertThat(interference.unresolvedDissonances()).isEqualTo(3);
    assertThat(interference.balance().reason()).startsWith("dominant frequency 4.");
  }

  @Test
  void formatsTheBalanceReasonTheSameInEveryLocale() {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      Interference interference = engine.interfere(List.of(wave(11, 3.7, 1.0)));

      assertThat(interference.balance().reason())
          .isEqualTo("dominant frequency 3.70 Hz exceeds 3.5 Hz");
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void usesTheDeepestLayerOfARealNavigation() {
    Navigation navigation = Fixtures.navigate("sense visual perception");

    Interference interference = new InterferenceEngine().interfere(navigation.dimensions());

    assertThat(navigation.dimensions().get(0).frequency()).isEqualTo(3.7);
    assertThat(interference.balance().applied()).isTrue();
    assertThat(interference.dominantFrequency()).isCloseTo(2.45, within(EPSILON));
  }

  @Test
  void returnsImmutableLists() {
    Interference interference = engine.interfere(List.of(wave(1, 1.0, 0.5), wave(2, 2.0, 0.5)));

    assertThatThrownBy(() -> interference.pairs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> interference.harmonics().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
