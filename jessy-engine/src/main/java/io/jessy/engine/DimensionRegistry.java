package io.jessy.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dimensions Jessy navigates, loaded from a JSON file and validated as a whole: a bad file
 * fails with a message naming the file, the dimension and the field.
 *
 * <pre>{"fallback_dimension": 10, "dimensions": [{"id": 1, "name": "Emotion",
 *   "frequency_range": {"min": 0.5, "max": 2.5},
 *   "layers": [{"level": 0, "name": "…", "frequency": 0.9, "keywords": ["feel", …]}, …]}, …]}</pre>
 */
public final class DimensionRegistry {

  /** The file shipped with the engine. */
  public static final String DEFAULT_RESOURCE = "dimensions.json";

  // A repeated key or a second document would otherwise be dropped silently, hiding an edit error.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final List<Dimension> dimensions;
  private final Map<Integer, Dimension> byId;
  private final Dimension fallback;

  public DimensionRegistry(List<Dimension> dimensions, int fallbackId) {
    this.dimensions = dimensions.stream().sorted(Comparator.comparingInt(Dimension::id)).toList();
    this.byId = new HashMap<>();
    for (Dimension dimension : this.dimensions) {
      if (byId.put(dimension.id(), dimension) != null) {
        throw new IllegalArgumentException("duplicate dimension id " + dimension.id());
      }
    }
    this.fallback = byId.get(fallbackId);
    if (fallback == null) {
      throw new IllegalArgumentException("fallback dimension " + fallbackId + " is not defined");
    }
  }

  /** The registry shipped with the engine: 15 dimensions, 4 layers each. */
  public static DimensionRegistry loadDefault() {
    try (InputStream in = DimensionRegistry.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing engine resource " + DEFAULT_RESOURCE);
      }
      return parse("classpath:" + DEFAULT_RESOURCE, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads and validates a dimension file. */
  public static DimensionRegistry load(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidDimensionFileException(
          file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return parse(file.toString(), content);
  }

  /**
   * Parses and validates dimension data.
   *
   * @param source where the data came from, used in error messages
   */
  public static DimensionRegistry parse(String source, byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidDimensionFileException(
          source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Parser(source).registry(root);
  }

  public List<Dimension> all() {
    return dimensions;
  }

  public Optional<Dimension> byId(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The dimension activated alone when no other passes the threshold (Meta-Awareness). */
  public Dimension fallback() {
    return fallback;
  }

  public int size() {
    return dimensions.size();
  }

  /** Turns a JSON tree into dimensions, failing on the first problem with its exact location. */
  private record Parser(String source) {

    DimensionRegistry registry(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw fail("top level", "must be an object with a \"dimensions\" array");
      }
      JsonNode list = root.get("dimensions");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw fail("top level", "field \"dimensions\" must be a non-empty array");
      }
      List<Dimension> dimensions = new ArrayList<>();
      Set<Integer> ids = new LinkedHashSet<>();
      for (int i = 0; i < list.size(); i++) {
        Dimension dimension = dimension(list.get(i), i);
        if (!ids.add(dimension.id())) {
          throw fail(
              where(dimension.id(), dimension.name()), "field \"id\" duplicates another dimension");
        }
        dimensions.add(dimension);
      }
      JsonNode fallback = root.get("fallback_dimension");
      if (fallback == null || !fallback.canConvertToInt() || !fallback.isIntegralNumber()) {
        throw fail("top level", "field \"fallback_dimension\" must be an integer dimension id");
      }
      if (!ids.contains(fallback.intValue())) {
        throw fail(
            "top level",
            "field \"fallback_dimension\" names dimension "
                + fallback.intValue()
                + ", which is not defined");
      }
      return new DimensionRegistry(dimensions, fallback.intValue());
    }

    private Dimension dimension(JsonNode node, int index) {
      String at = "dimensions[" + index + "]";
      if (!node.isObject()) {
        throw fail(at, "must be an object");
      }
      int id = integer(node, "id", at);
      if (id < 1) {
        throw fail(at, "field \"id\" must be a positive integer");
      }
      String name = text(node, "name", "dimension " + id);
      at = where(id, name);
      JsonNode range = node.get("frequency_range");
      if (range == null || !range.isObject()) {
        throw fail(at, "field \"frequency_range\" must be an object with \"min\" and \"max\"");
      }
      double min = number(range, "min", at, "frequency_range.min");
      double max = number(range, "max", at, "frequency_range.max");
      if (min <= 0 || max <= min) {
        throw fail(
            at, "field \"frequency_range\" must satisfy 0 < min < max, got " + min + "–" + max);
      }
      JsonNode layersNode = node.get("layers");
      if (layersNode == null
          || !layersNode.isArray()
          || layersNode.size() != Dimension.LAYER_COUNT) {
        throw fail(
            at,
            "field \"layers\" must be an array of exactly " + Dimension.LAYER_COUNT + " layers");
      }
      List<Layer> layers = new ArrayList<>();
      double previous = min;
      for (int level = 0; level < Dimension.LAYER_COUNT; level++) {
        Layer layer = layer(layersNode.get(level), at, level);
        if (layer.frequency() < min || layer.frequency() > max) {
          throw fail(
              at,
              "field \"layers[%d].frequency\" is %s, outside the range %s–%s"
                  .formatted(level, layer.frequency(), min, max));
        }
        if (level > 0 && layer.frequency() <= previous) {
          throw fail(
              at,
              "field \"layers[%d].frequency\" must be higher than layer %d's (%s)"
                  .formatted(level, level - 1, previous));
        }
        previous = layer.frequency();
        layers.add(layer);
      }
      return new Dimension(id, name, min, max, layers);
    }

    private Layer layer(JsonNode node, String at, int level) {
      String field = "layers[" + level + "]";
      if (!node.isObject()) {
        throw fail(at, "field \"" + field + "\" must be an object");
      }
      int declared = integer(node, "level", at, field + ".level");
      if (declared != level) {
        throw fail(at, "field \"" + field + ".level\" must be " + level + ", got " + declared);
      }
      String name = text(node, "name", at, field + ".name");
      double frequency = number(node, "frequency", at, field + ".frequency");
      JsonNode words = node.get("keywords");
      if (words == null || !words.isArray() || words.isEmpty()) {
        throw fail(at, "field \"" + field + ".keywords\" must be a non-empty array of words");
      }
      Set<String> keywords = new LinkedHashSet<>();
      for (JsonNode word : words) {
        String keyword = word.isTextual() ? word.textValue() : null;
        if (keyword == null
            || keyword.isBlank()
            || !keyword.equals(keyword.strip().toLowerCase(Locale.ROOT))) {
          throw fail(
              at,
              "field \"" + field + ".keywords\" holds " + word + "; keywords are lower-case words");
        }
        keywords.add(keyword);
      }
      return new Layer(level, name, frequency, keywords);
    }

    private int integer(JsonNode node, String field, String at) {
      return integer(node, field, at, field);
    }

    private int integer(JsonNode node, String field, String at, String path) {
      JsonNode value = node.get(field);
      if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
        throw fail(at, "field \"" + path + "\" must be an integer");
      }
      return value.intValue();
    }

    private double number(JsonNode node, String field, String at, String path) {
      JsonNode value = node.get(field);
      if (value == null || !value.isNumber()) {
        throw fail(at, "field \"" + path + "\" must be a number");
      }
      return value.doubleValue();
    }

    private String text(JsonNode node, String field, String at) {
      return text(node, field, at, field);
    }

    private String text(JsonNode node, String field, String at, String path) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual() || value.textValue().isBlank()) {
        throw fail(at, "field \"" + path + "\" must be a non-empty string");
      }
      return value.textValue();
    }

    private static String where(int id, String name) {
      return "dimension " + id + " (" + name + ")";
    }

    private InvalidDimensionFileException fail(String at, String problem) {
      return new InvalidDimensionFileException(source + ": " + at + ": " + problem);
    }
  }
}
