package io.jessy.engine;

import io.jessy.engine.Interference.Balance;
import io.jessy.engine.Interference.Harmonic;
import io.jessy.engine.Interference.Pair;
import io.jessy.engine.Interference.PairKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Treats each activated dimension as a wave (frequency of its deepest layer, amplitude = its
 * confidence) and works out pairs, harmonics, the dominant frequency and whether it needs balance.
 */
public final class InterferenceEngine {

  public static final double CONSTRUCTIVE_BELOW = 0.2;
  public static final double DESTRUCTIVE_ABOVE = 2.0;
  public static final double HARMONIC_TOLERANCE = 0.05;
  public static final double BALANCE_ABOVE = 3.5;
  public static final int MAX_UNRESOLVED_DISSONANCES = 2;
  public static final double BALANCE_FREQUENCY = 1.2;

  /** How far balance moves the frequency toward {@link #BALANCE_FREQUENCY}: half the way. */
  public static final double BALANCE_PULL = 0.5;

  private static final double[] RATIOS = {2.0, 1.5, 4.0 / 3.0, 1.25};
  private static final String[] INTERVALS = {"octave", "fifth", "fourth", "major third"};

  public Interference interfere(List<ActivatedDimension> dimensions) {
    List<Pair> pairs = new ArrayList<>();
    List<Harmonic> harmonics = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      for (int j = i + 1; j < dimensions.size(); j++) {
        ActivatedDimension a = dimensions.get(i);
        ActivatedDimension b = dimensions.get(j);
        int first = Math.min(a.dimension().id(), b.dimension().id());
        int second = Math.max(a.dimension().id(), b.dimension().id());
        Harmonic harmonic = harmonic(first, second, a.frequency(), b.frequency());
        if (harmonic != null) {
          harmonics.add(harmonic);
        }
        double delta = Math.abs(a.frequency() - b.frequency());
        pairs.add(new Pair(first, second, delta, kind(delta), harmonic != null));
      }
    }

    double mean = weightedMean(dimensions);
    long unresolved = pairs.stream().filter(Pair::unresolved).count();
    String reason = "";
    if (mean > BALANCE_ABOVE) {
      reason =
          String.format(
              Locale.ROOT, "dominant frequency %.2f Hz exceeds %.1f Hz", mean, BALANCE_ABOVE);
    } else if (unresolved > MAX_UNRESOLVED_DISSONANCES) {
      reason = String.format(Locale.ROOT, "%d unresolved dissonances", unresolved);
    }
    boolean balanced = !reason.isEmpty();
    double dominant = balanced ? mean + (BALANCE_FREQUENCY - mean) * BALANCE_PULL : mean;
    return new Interference(pairs, harmonics, dominant, new Balance(balanced, mean, reason));
  }

  private static PairKind kind(double delta) {
    if (delta < CONSTRUCTIVE_BELOW) {
      return PairKind.CONSTRUCTIVE;
    }
    return delta > DESTRUCTIVE_ABOVE ? PairKind.DESTRUCTIVE : PairKind.NEUTRAL;
  }

  /** The closest simple interval within tolerance, or null. */
  private static Harmonic harmonic(int first, int second, double f1, double f2) {
    double ratio = Math.max(f1, f2) / Math.min(f1, f2);
    int best = -1;
    double bestError = HARMONIC_TOLERANCE;
    for (int k = 0; k < RATIOS.length; k++) {
      double error = Math.abs(ratio / RATIOS[k] - 1.0);
      if (error <= bestError) {
        best = k;
        bestError = error;
      }
    }
    return best < 0 ? null : new Harmonic(first, second, INTERVALS[best], ratio);
  }

  /** Amplitude-weighted mean; a plain mean when every amplitude is zero (the fallback case). */
  private static double weightedMean(List<ActivatedDimension> dimensions) {
    double weighted = 0;
    double amplitude = 0;
    double plain = 0;
    for (ActivatedDimension d : dimensions) {
      weighted += d.confidence() * d.frequency();
      amplitude += d.confidence();
      plain += d.frequency();
    }
    return amplitude > 0 ? weighted / amplitude : plain / dimensions.size();
  }
}
