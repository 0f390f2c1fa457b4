package io.jessy.core.api;

import io.jessy.engine.Dimension;
import io.jessy.engine.DimensionRegistry;
import io.jessy.engine.Layer;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/dimensions}: the registry as loaded, keywords sorted. */
@Path("/api/v1/dimensions")
public class DimensionsResource {

  private final DimensionsView view;

  public DimensionsResource(DimensionRegistry registry) {
    this.view =
        new DimensionsView(
            registry.size(),
            registry.fallback().id(),
            registry.all().stream().map(DimensionView::of).toList());
  }

  @GET
  @NonBlocking
  @Produces(MediaType.APPLICATION_JSON)
  public DimensionsView list() {
    return view;
  }

  public record DimensionsView(int count, int fallbackDimension, List<DimensionView> dimensions) {}

  public record DimensionView(
      int id, String name, FrequencyRange frequencyRange, List<LayerView> layers) {
    static DimensionView of(Dimension d) {
      return new DimensionView(
          d.id(),
          d.name(),
          new FrequencyRange(d.minFrequency(), d.maxFrequency()),
          d.layers().stream().map(LayerView::of).toList());
    }
  }

  public record FrequencyRange(double min, double max) {}

  public record LayerView(int level, String name, double frequency, List<String> keywords) {
    static LayerView of(Layer layer) {
      return new LayerView(
          layer.level(),
          layer.name(),
          layer.frequency(),
          layer.keywords().stream().sorted().toList());
    }
  }
}
