package io.jessy.engine;

import java.util.Objects;

/**
 * One step of reflection: its number (from 1), phase, a short thought and the confidence reached.
 */
public record Iteration(int number, Phase phase, String thought, double confidence) {

  public Iteration {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(thought, "thought");
    if (number < 1 || number > IterationProcessor.MAX_ITERATIONS) {
      throw new IllegalArgumentException("iteration number out of range: " + number);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
  }

  public enum Phase {
    EXPLORATION,
    REFINEMENT,
    CRYSTALLISATION;

    /** Iterations 1–3 explore, 4–6 refine, 7–9 crystallise. */
    public static Phase of(int number) {
      return number <= 3 ? EXPLORATION : number <= 6 ? REFINEMENT : CRYSTALLISATION;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
