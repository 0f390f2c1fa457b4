package io.jessy.engine;

import io.jessy.engine.Iteration.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reflects on a navigation in up to nine iterations: exploration (1–3), refinement (4–6) and
 * crystallisation (7–9). Each closes part of the remaining doubt, so confidence never decreases; it
 * stops early once confidence reaches {@link #CONVERGENCE}, but never before iteration {@link
 * #MIN_ITERATIONS_TO_CONVERGE}.
 */
public final class IterationProcessor {

  public static final int MAX_ITERATIONS = 9;
  public static final double CONVERGENCE = 0.95;
  public static final int MIN_ITERATIONS_TO_CONVERGE = 4;

  /** Confidence before reflection: {@code BASE + SPAN × top navigation confidence}. */
  static final double BASE = 0.2;

  static final double SPAN = 0.5;

  /** Share of the remaining doubt each phase closes per iteration. */
  private static final double[] PHASE_RATE = {0.20, 0.30, 0.40};

  /** Harmony (constructive pairs, harmonics) speeds reflection; dissonance slows it. */
  private static final double HARMONY_BONUS = 0.05;

  private static final int MAX_HARMONY = 3;
  private static final double DISSONANCE_PENALTY = 0.05;
  private static final double MIN_RATE = 0.1;

  public Iterations iterate(Navigation navigation, Interference interference, int maxIterations) {
    requireValidLimit(maxIterations);
    List<ActivatedDimension> dimensions = navigation.dimensions();
    double confidence = BASE + SPAN * dimensions.get(0).confidence();
    long harmony =
        Math.min(
            MAX_HARMONY,
            interference.harmonics().size()
                + interference.pairs().stream()
                    .filter(p -> p.kind() == Interference.PairKind.CONSTRUCTIVE)
                    .count());
    double adjustment =
        HARMONY_BONUS * harmony - DISSONANCE_PENALTY * interference.unresolvedDissonances();

    List<Iteration> steps = new ArrayList<>(maxIterations);
    boolean converged = false;
    for (int n = 1; n <= maxIterations && !converged; n++) {
      Phase phase = Phase.of(n);
      double rate = Math.max(MIN_RATE, PHASE_RATE[phase.ordinal()] + adjustment);
      confidence = Math.min(1.0, confidence + (1.0 - confidence) * rate);
      steps.add(new Iteration(n, phase, thought(n, phase, dimensions, interference), confidence));
      converged = n >= MIN_ITERATIONS_TO_CONVERGE && confidence >= CONVERGENCE;
    }
    return new Iterations(steps, converged);
  }

  /** Rejects an iteration limit outside 1..{@link #MAX_ITERATIONS}. */
  public static void requireValidLimit(int maxIterations) {
    if (maxIterations < 1 || maxIterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "max iterations must be in 1.." + MAX_ITERATIONS + ", got " + maxIterations);
    }
  }

  private static String thought(
      int n, Phase phase, List<ActivatedDimension> dimensions, Interference interference) {
    ActivatedDimension focus = dimensions.get((n - 1) % dimensions.size());
    String name = focus.dimension().name();
    String layer = focus.layer().name();
    return switch (phase) {
      case EXPLORATION ->
          n == 1
              ? "Listening for what the question touches: " + names(dimensions) + "."
              : "Exploring " + name + " from its " + layer.toLowerCase(Locale.ROOT) + " layer.";
      case REFINEMENT ->
          interference.balance().applied()
              ? "Refining " + name + " while easing the tension toward calm."
              : dimensions.size() == 1
                  ? "Refining " + name + " at " + hz(interference) + "."
                  : "Refining " + name + " against the others at " + hz(interference) + ".";
      case CRYSTALLISATION -> "Crystallising around " + name + " at " + hz(interference) + ".";
    };
  }

  private static String names(List<ActivatedDimension> dimensions) {
    return String.join(", ", dimensions.stream().map(d -> d.dimension().name()).toList());
  }

  private static String hz(Interference interference) {
    return Decimals.two(interference.dominantFrequency()) + " Hz";
  }
}
