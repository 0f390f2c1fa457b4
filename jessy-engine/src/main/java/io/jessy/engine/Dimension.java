package io.jessy.engine;

import java.util.List;
import java.util.Objects;

/**
 * A dimension of consciousness: a named frequency range with {@link #LAYER_COUNT} layers whose
 * frequencies rise with depth inside that range. Instances are built by {@link DimensionRegistry},
 * which reports invalid data with the file and field at fault.
 */
public record Dimension(
    int id, String name, double minFrequency, double maxFrequency, List<Layer> layers) {

  public static final int LAYER_COUNT = 4;

  public Dimension {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    if (layers.size() != LAYER_COUNT) {
      throw new IllegalArgumentException("a dimension has exactly " + LAYER_COUNT + " layers");
    }
  }

  public Layer root() {
    return layers.get(0);
  }
}
