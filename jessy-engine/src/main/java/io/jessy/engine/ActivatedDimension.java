package io.jessy.engine;

import java.util.List;
import java.util.Objects;

/**
 * A dimension the query activated: its confidence (share of distinct query tokens among its root
 * keywords), the number of those matches, and the layers walked from L0 down.
 */
public record ActivatedDimension(
    Dimension dimension, double confidence, int matches, List<Layer> path) {

  public ActivatedDimension {
    Objects.requireNonNull(dimension, "dimension");
    path = List.copyOf(path);
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the layer path starts at the root layer");
    }
  }

  /** The deepest layer reached. */
  public Layer layer() {
    return path.get(path.size() - 1);
  }

  /** The frequency this dimension resonates at: that of the deepest layer reached. */
  public double frequency() {
    return layer().frequency();
  }
}
