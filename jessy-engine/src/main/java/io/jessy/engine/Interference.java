package io.jessy.engine;

import java.util.List;

/**
 * How the activated dimensions' frequencies combine.
 *
 * @param dominantFrequency the amplitude-weighted mean, after balance if it was applied
 */
public record Interference(
    List<Pair> pairs, List<Harmonic> harmonics, double dominantFrequency, Balance balance) {

  public Interference {
    pairs = List.copyOf(pairs);
    harmonics = List.copyOf(harmonics);
  }

  /** Destructive pairs that no harmonic relation resolves. */
  public long unresolvedDissonances() {
    return pairs.stream().filter(Pair::unresolved).count();
  }

  public enum PairKind {
    /** Frequencies closer than {@link InterferenceEngine#CONSTRUCTIVE_BELOW} Hz reinforce. */
    CONSTRUCTIVE,
    /** Frequencies further apart than {@link InterferenceEngine#DESTRUCTIVE_ABOVE} Hz clash. */
    DESTRUCTIVE,
    NEUTRAL
  }

  /** Two activated dimensions (by id, lower first) and how their frequencies meet. */
  public record Pair(int first, int second, double delta, PairKind kind, boolean harmonic) {

    public boolean unresolved() {
      return kind == PairKind.DESTRUCTIVE && !harmonic;
    }
  }

  /** Two frequencies whose ratio is within 5 % of a simple interval. */
  public record Harmonic(int first, int second, String interval, double ratio) {}

  /**
   * Whether the dominant frequency was pulled toward {@link InterferenceEngine#BALANCE_FREQUENCY}.
   *
   * @param originalFrequency the weighted mean before any pull
   * @param reason why balance was applied, empty when it was not
   */
  public record Balance(boolean applied, double originalFrequency, String reason) {}
}
