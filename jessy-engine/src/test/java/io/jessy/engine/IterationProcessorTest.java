package io.jessy.engine;

import static io.jessy.engine.Fixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jessy.engine.Interference.Balance;
import io.jessy.engine.Interference.Harmonic;
import io.jessy.engine.Interference.Pair;
import io.jessy.engine.Interference.PairKind;
import io.jessy.engine.Iteration.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IterationProcessorTest {

  private final IterationProcessor processor = new IterationProcessor();

  /**
   * Confidence starts at 0.2 + 0.5 × the top navigation confidence; each iteration closes a share
   * of the remaining doubt: 20 % / 30 % / 40 % by phase, +5 % per harmony (at most 3), −5 % per
   * unresolved dissonance, never below 10 %. The sequences were worked out by hand from that rule.
   */
  static Stream<Arguments> goldenRuns() {
    return Stream.of(
        arguments(
            "full confidence converges at 7",
            1.0,
            0,
            0,
            0,
            9,
            List.of(0.76, 0.808, 0.8464, 0.89248, 0.924736, 0.9473152, 0.96838912),
            true),
        arguments(
            "the fallback's zero confidence converges only at 9",
            0.0,
            0,
            0,
            0,
            9,
            List.of(
                0.36,
                0.488,
                0.5904,
                0.71328,
                0.799296,
                0.8595072,
                0.91570432,
                0.949422592,
                0.9696535552),
            true),
        arguments(
            "three harmonics converge at 4",
            1.0,
            3,
            0,
            0,
            9,
            List.of(0.805, 0.87325, 0.9176125, 0.954686875),
            true),
        arguments(
            "harmony is capped at three",
            1.0,
            2,
            2,
            0,
            9,
            List.of(0.805, 0.87325, 0.9176125, 0.954686875),
            true),
        arguments(
            "three dissonances slow to the 10 % floor and never converge",
            0.0,
            0,
            0,
            3,
            9,
            List.of(
                0.28,
                0.352,
                0.4168,
                0.50428,
                0.578638,
                0.6418423,
                0.731381725,
                0.7985362938,
                0.8489022203),
            false),
        arguments(
            "a limit of 3 stops before converging",
            1.0,
            0,
            0,
            0,
            3,
            List.of(0.76, 0.808, 0.8464),
            false),
        arguments("a limit of 1 runs once", 0.0, 0, 0, 0, 1, List.of(0.36), false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("goldenRuns")
  void closesTheRemainingDoubtPhaseByPhase(
      String description,
      double topConfidence,
      int harmonics,
      int constructivePairs,
      int unresolvedDissonances,
      int maxIterations,
      List<Double> expected,
      boolean converged) {
    Navigation navigation = navigation(topConfidence);
    Interference interference =
        interference(harmonics, constructivePairs, unresolvedDissonances, false);

    Iterations iterations = processor.iterate(navigation, interference, maxIterations);

    assertThat(iterations.steps())
        .extracting(Iteration::confidence)
        .zipSatisfy(
            expected, (actual, wanted) -> assertThat(actual).isCloseTo(wanted, within(1e-9)));
    assertThat(iterations.count()).isEqualTo(expected.size());
    assertThat(iterations.converged()).isEqualTo(converged);
    assertThat(iterations.confidence()).isEqualTo(iterations.last().confidence());
  }

  @ParameterizedTest(name = "iteration {0} is {1}")
  @CsvSource({
    "1, EXPLORATION",
    "2, EXPLORATION",
    "3, EXPLORATION",
    "4, REFINEMENT",
    "5, REFINEMENT",
    "6, REFINEMENT",
    "7, CRYSTALLISATION",
    "8, CRYSTALLISATION",
    "9, CRYSTALLISATION"
  })
  void assignsPhasesInThrees(int number, Phase phase) {
    assertThat(Phase.of(number)).isEqualTo(phase);
  }

  @Test
  void numbersAndPhasesEveryStepOfAFullRun() {
    Iterations iterations = processor.iterate(navigation(0.0), interference(0, 0, 3, false), 9);

    assertThat(iterations.steps())
        .extracting(Iteration::number)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(iterations.steps())
        .extracting(Iteration::phase)
        .containsExactly(
            Phase.EXPLORATION,
            Phase.EXPLORATION,
            Phase.EXPLORATION,
            Phase.REFINEMENT,
            Phase.REFINEMENT,
            Phase.REFINEMENT,
            Phase.CRYSTALLISATION,
            Phase.CRYSTALLISATION,
            Phase.CRYSTALLISATION);
  }

  @Test
  void neverConvergesBeforeTheFourthIterationEvenWhenMostFavoured() {
    Iterations iterations = processor.iterate(navigation(1.0), interference(3, 0, 0, false), 9);

    assertThat(iterations.converged()).isTrue();
    assertThat(iterations.count()).isEqualTo(IterationProcessor.MIN_ITERATIONS_TO_CONVERGE);
    for (int limit = 1; limit < IterationProcessor.MIN_ITERATIONS_TO_CONVERGE; limit++) {
      assertThat(processor.iterate(navigation(1.0), interference(3, 0, 0, false), limit))
          .satisfies(run -> assertThat(run.converged()).isFalse());
    }
  }

  @Test
  void stopsAtTheFirstIterationThatReachesConvergence() {
    Iterations iterations = processor.iterate(navigation(1.0), interference(0, 0, 0, false), 9);

    List<Double> confidences = iterations.steps().stream().map(Iteration::confidence).toList();
    assertThat(confidences.get(confidences.size() - 1)).isGreaterThanOrEqualTo(0.95);
    assertThat(confidences.subList(0, confidences.size() - 1)).allMatch(c -> c < 0.95);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 9})
  void runsNoMoreIterationsThanAllowed(int maxIterations) {
    Iterations iterations =
        processor.iterate(navigation(0.0), interference(0, 0, 3, false), maxIterations);

    assertThat(iterations.count()).isEqualTo(maxIterations);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, -1, Integer.MAX_VALUE})
  void rejectsAnIterationLimitOutsideOneToNine(int maxIterations) {
    assertThatThrownBy(
            () -> processor.iterate(navigation(1.0), interference(0, 0, 0, false), maxIterations))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max iterations must be in 1..9, got " + maxIterations);
  }

  @Test
  void narratesEachPhaseAroundTheActivatedDimensions() {
    Reflection.Completed reflection =
        (Reflection.Completed) Pipeline.create(Fixtures.SHIPPED, 0.1).reflect("sad think", 9);

    assertThat(reflection.iterations().steps())
        .extracting(Iteration::thought)
        .containsExactly(
            "Listening for what the question touches: Emotion, Cognition.",
            "Exploring Cognition from its thinking layer.",
            "Exploring Emotion from its felt sense layer.",
            "Refining Cognition against the others at 1.15 Hz.",
            "Refining Emotion against the others at 1.15 Hz.",
            "Refining Cognition against the others at 1.15 Hz.",
            "Crystallising around Emotion at 1.15 Hz.");
  }

  @Test
  void speaksOfEasingTensionWhileRefiningABalancedReflection() {
    Iterations iterations = processor.iterate(navigation(0.0), interference(0, 0, 0, true), 5);

    assertThat(iterations.steps().get(3).thought())
        .isEqualTo("Refining Dimension 1 while easing the tension toward calm.");
    assertThat(iterations.steps().get(2).thought())
        .isEqualTo("Exploring Dimension 1 from its layer 0 layer.");
  }

  private static Navigation navigation(double topConfidence) {
    return new Navigation(List.of("w"), List.of(wave(1, 1.0, topConfidence)), false, false);
  }

  /** Only the counts of harmonics, constructive pairs and dissonances matter to iteration. */
  private static Interference interference(
      int harmonics, int constructivePairs, int unresolvedDissonances, boolean balanced) {
    List<Harmonic> harmonicList = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < harmonics; i++) {
      harmonicList.add(new Harmonic(1, 2 + i, "octave", 2.0));
    }
    for (int i = 0; i < constructivePairs; i++) {
      pairs.add(new Pair(1, 2 + i, 0.1, PairKind.CONSTRUCTIVE, false));
    }
    for (int i = 0; i < unresolvedDissonances; i++) {
      pairs.add(new Pair(1, 2 + i, 2.5, PairKind.DESTRUCTIVE, false));
    }
    return new Interference(
        pairs,
        harmonicList,
        1.0,
        new Balance(balanced, balanced ? 4.0 : 1.0, balanced ? "a test reason" : ""));
  }
}
