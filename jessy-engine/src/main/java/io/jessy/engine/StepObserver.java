package io.jessy.engine;

import java.util.function.Supplier;

/**
 * Watches the pipeline's steps go by, one call per step around its work: a service may time or
 * trace them (a span per step), the engine itself knows nothing of either. {@link #NONE} just runs
 * the step.
 */
public interface StepObserver {

  /** Runs each step as it is, adding nothing. */
  StepObserver NONE =
      new StepObserver() {
        @Override
        public <T> T step(String name, Supplier<T> work) {
          return work.get();
        }
      };

  /**
   * Runs one step of the pipeline.
   *
   * @param name the step: {@code safety}, {@code navigation}, {@code interference}, {@code
   *     iterations}, and, outside the engine, whatever the service adds ({@code answer}, {@code
   *     store})
   * @return what the step returned
   */
  <T> T step(String name, Supplier<T> work);
}
