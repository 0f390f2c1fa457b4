package io.jessy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the dimensions a query speaks to. A dimension's confidence is the share of distinct query
 * tokens found among its root keywords; those at or above the threshold are ranked by (confidence
 * desc, matches desc, id asc). Each activated dimension then walks down its layers while the next
 * layer's keyword overlap stays at or above {@link #LAYER_THRESHOLD}.
 */
public final class Navigator {

  public static final double DEFAULT_THRESHOLD = 0.1;
  public static final double LAYER_THRESHOLD = 0.1;
  public static final int MAX_ACTIVATED = 8;
  public static final int RETURN_TO_SOURCE_ABOVE = 6;
  public static final int RETURN_TO_SOURCE_KEEP = 3;

  private static final Comparator<ActivatedDimension> RANKING =
      Comparator.comparingDouble(ActivatedDimension::confidence)
          .reversed()
          .thenComparing(Comparator.comparingInt(ActivatedDimension::matches).reversed())
          .thenComparingInt(activated -> activated.dimension().id());

  private final DimensionRegistry registry;
  private final double threshold;

  public Navigator(DimensionRegistry registry, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.registry = registry;
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }

  public Navigation navigate(List<String> tokens) {
    Set<String> distinct = new LinkedHashSet<>(tokens);
    List<ActivatedDimension> passing = new ArrayList<>();
    if (!distinct.isEmpty()) {
      for (Dimension dimension : registry.all()) {
        int matches = dimension.root().matches(distinct);
        double confidence = (double) matches / distinct.size();
        if (matches > 0 && confidence >= threshold) {
          passing.add(
              new ActivatedDimension(dimension, confidence, matches, walk(dimension, distinct)));
        }
      }
    }
    if (passing.isEmpty()) {
      Dimension fallback = registry.fallback();
      return new Navigation(
          tokens,
          List.of(new ActivatedDimension(fallback, 0.0, 0, walk(fallback, distinct))),
          false,
          true);
    }
    passing.sort(RANKING);
    boolean returnToSource = passing.size() > RETURN_TO_SOURCE_ABOVE;
    int keep = returnToSource ? RETURN_TO_SOURCE_KEEP : Math.min(passing.size(), MAX_ACTIVATED);
    return new Navigation(tokens, passing.subList(0, keep), returnToSource, false);
  }

  private static List<Layer> walk(Dimension dimension, Set<String> distinct) {
    List<Layer> path = new ArrayList<>(Dimension.LAYER_COUNT);
    path.add(dimension.root());
    for (Layer next : dimension.layers().subList(1, Dimension.LAYER_COUNT)) {
      if (next.overlap(distinct) < LAYER_THRESHOLD) {
        break;
      }
      path.add(next);
    }
    return path;
  }
}
