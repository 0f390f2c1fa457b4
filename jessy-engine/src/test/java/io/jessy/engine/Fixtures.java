package io.jessy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small, hand-made engine values for tests that must not depend on the shipped keywords. */
final class Fixtures {

  /** The shipped registry, loaded once: it is immutable. */
  static final DimensionRegistry SHIPPED = DimensionRegistry.loadDefault();

  static final Tokenizer TOKENIZER = Tokenizer.withDefaultStopWords();

  private Fixtures() {}

  /**
   * A dimension whose root resonates at {@code rootFrequency}; deeper layers rise by 0.1 Hz and
   * hold the keywords {@code d<id>l<level>}.
   */
  static Dimension dimension(int id, double rootFrequency) {
    List<Layer> layers = new ArrayList<>();
    for (int level = 0; level < Dimension.LAYER_COUNT; level++) {
      layers.add(
          new Layer(
              level,
              "Layer " + level,
              rootFrequency + 0.1 * level,
              Set.of("d" + id + "l" + level)));
    }
    return new Dimension(id, "Dimension " + id, rootFrequency, rootFrequency + 1.0, layers);
  }

  /** An activated dimension standing at its root layer: a wave of that frequency and amplitude. */
  static ActivatedDimension wave(int id, double frequency, double amplitude) {
    Dimension dimension = dimension(id, frequency);
    return new ActivatedDimension(dimension, amplitude, 1, List.of(dimension.root()));
  }

  /** The navigation of {@code query} through the shipped registry at the default threshold. */
  static Navigation navigate(String query) {
    return new Navigator(SHIPPED, Navigator.DEFAULT_THRESHOLD).navigate(TOKENIZER.tokenize(query));
  }

  /** The ids of the activated dimensions, best first. */
  static List<Integer> ids(Navigation navigation) {
    return navigation.dimensions().stream().map(d -> d.dimension().id()).toList();
  }

  /** The levels of the layers walked, from the root down. */
  static List<Integer> levels(ActivatedDimension dimension) {
    return dimension.path().stream().map(Layer::level).toList();
  }
}
