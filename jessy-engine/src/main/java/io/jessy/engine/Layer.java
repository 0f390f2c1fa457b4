package io.jessy.engine;

import java.util.Objects;
import java.util.Set;

/**
 * One layer of a dimension: L0 is the root, L3 the deepest. Deeper layers hold more specific
 * keywords and resonate at a higher frequency.
 */
public record Layer(int level, String name, double frequency, Set<String> keywords) {

  public Layer {
    Objects.requireNonNull(name, "name");
    keywords = Set.copyOf(keywords);
  }

  /** Share of the distinct tokens that are keywords of this layer, in [0, 1]. */
  public double overlap(Set<String> distinctTokens) {
    return distinctTokens.isEmpty()
        ? 0.0
        : (double) matches(distinctTokens) / distinctTokens.size();
  }

  /** How many of the distinct tokens are keywords of this layer. */
  public int matches(Set<String> distinctTokens) {
    int matches = 0;
    for (String token : distinctTokens) {
      if (keywords.contains(token)) {
        matches++;
      }
    }
    return matches;
  }
}
