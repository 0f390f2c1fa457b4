package io.jessy.engine;

import java.util.List;

/**
 * The reflection steps taken, each at least as confident as the one before.
 *
 * @param converged confidence reached {@link IterationProcessor#CONVERGENCE} before the limit
 */
public record Iterations(List<Iteration> steps, boolean converged) {

  public Iterations {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("at least one iteration runs");
    }
  }

  public int count() {
    return steps.size();
  }

  public Iteration last() {
    return steps.get(steps.size() - 1);
  }

  public double confidence() {
    return last().confidence();
  }
}
