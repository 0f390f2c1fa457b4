package io.jessy.engine;

import java.util.List;

/**
 * Which dimensions a query activated, best first.
 *
 * @param returnToSource more than {@link Navigator#RETURN_TO_SOURCE_ABOVE} passed, so only the top
 *     {@link Navigator#RETURN_TO_SOURCE_KEEP} were kept
 * @param fallback nothing passed the threshold and the registry's fallback dimension stands alone
 */
public record Navigation(
    List<String> tokens,
    List<ActivatedDimension> dimensions,
    boolean returnToSource,
    boolean fallback) {

  public Navigation {
    tokens = List.copyOf(tokens);
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("navigation always activates at least one dimension");
    }
  }
}
