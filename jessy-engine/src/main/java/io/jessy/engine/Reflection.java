package io.jessy.engine;

import java.util.Objects;

/** What the pipeline made of a query before answering: redirected, or reflected upon. */
public sealed interface Reflection {

  String query();

  /** The safety gate stopped the query; nothing else ran. */
  record Redirected(String query, SafetyCategory category) implements Reflection {
    public Redirected {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(category, "category");
    }
  }

  /** The query went through navigation, interference and iteration. */
  record Completed(
      String query, Navigation navigation, Interference interference, Iterations iterations)
      implements Reflection {
    public Completed {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(navigation, "navigation");
      Objects.requireNonNull(interference, "interference");
      Objects.requireNonNull(iterations, "iterations");
    }
  }
}
