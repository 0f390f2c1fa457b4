package io.jessy.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DimensionRegistryTest {

  private static final String SOURCE = "fixture.json";

  /** Three valid dimensions; each invalid case below changes one thing in it. */
  private static final String VALID =
      """
      {
        "fallback_dimension": 10,
        "dimensions": [
          {"id": 1, "name": "Emotion", "frequency_range": {"min": 0.5, "max": 2.5},
           "layers": [
             {"level": 0, "name": "Felt sense", "frequency": 0.9, "keywords": ["feel", "sad"]},
             {"level": 1, "name": "Named emotion", "frequency": 1.3, "keywords": ["grief"]},
             {"level": 2, "name": "Emotional pattern", "frequency": 1.7, "keywords": ["trigger"]},
             {"level": 3, "name": "Core affect", "frequency": 2.1, "keywords": ["valence"]}]},
          {"id": 3, "name": "Intention", "frequency_range": {"min": 1.5, "max": 3.5},
           "layers": [
             {"level": 0, "name": "Wanting", "frequency": 1.9, "keywords": ["want", "goal"]},
             {"level": 1, "name": "Commitment", "frequency": 2.3, "keywords": ["commitment"]},
             {"level": 2, "name": "Practice", "frequency": 2.7, "keywords": ["habit"]},
             {"level": 3, "name": "Agency", "frequency": 3.1, "keywords": ["agency"]}]},
          {"id": 10, "name": "Meta-Awareness", "frequency_range": {"min": 0.2, "max": 1.8},
           "layers": [
             {"level": 0, "name": "Awareness", "frequency": 0.52, "keywords": ["consciousness"]},
             {"level": 1, "name": "Presence", "frequency": 0.84, "keywords": ["meditation"]},
             {"level": 2, "name": "Subjectivity", "frequency": 1.16, "keywords": ["qualia"]},
             {"level": 3, "name": "Non-dual", "frequency": 1.48, "keywords": ["non-dual"]}]}
        ]
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class ShippedFile {

    private final DimensionRegistry registry = DimensionRegistry.loadDefault();

    @Test
    void holdsFifteenDimensionsWithFourLayersEach() {
      assertThat(registry.size()).isEqualTo(15);
      assertThat(registry.all())
          .extracting(Dimension::id)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
      assertThat(registry.all()).allSatisfy(d -> assertThat(d.layers()).hasSize(4));
    }

    @ParameterizedTest(name = "{0} {1} {2}–{3} Hz")
    @CsvSource(
        textBlock =
            """
            1,  Emotion,              0.5, 2.5, emotion
            2,  Cognition,            1.0, 3.0, cognition
            3,  Intention,            1.5, 3.5, intention
            4,  Social Context,       0.8, 2.8, social
            5,  Temporal State,       0.3, 2.3, temporal
            6,  Philosophical Depth,  0.1, 1.5, philosophical
            7,  Technical Level,      2.0, 4.0, technical
            8,  Creative Mode,        1.2, 3.2, creative
            9,  Ethical Framework,    0.5, 2.0, ethical
            10, Meta-Awareness,       0.2, 1.8, awareness
            11, Sensory Processing,   2.5, 4.5, sensory
            12, Memory Integration,   0.8, 2.5, memory
            13, Pattern Recognition,  1.5, 3.8, pattern
            14, Linguistic Structure, 1.8, 3.5, linguistic
            15, Educational,          1.7, 2.7, educational
            """)
    void matchesTheSpecifiedNamesRangesAndRootKeywords(
        int id, String name, double min, double max, String ownName) {
      Dimension dimension = registry.byId(id).orElseThrow();

      assertThat(dimension.name()).isEqualTo(name);
      assertThat(dimension.minFrequency()).isEqualTo(min);
      assertThat(dimension.maxFrequency()).isEqualTo(max);
      assertThat(dimension.root().keywords()).contains(ownName);
    }

    @Test
    void raisesLayerFrequenciesWithDepthInsideEachRange() {
      for (Dimension dimension : registry.all()) {
        List<Layer> layers = dimension.layers();
        assertThat(layers).extracting(Layer::level).containsExactly(0, 1, 2, 3);
        for (int level = 0; level < layers.size(); level++) {
          double frequency = layers.get(level).frequency();
          assertThat(frequency)
              .as("%s layer %d", dimension.name(), level)
              .isBetween(dimension.minFrequency(), dimension.maxFrequency());
          if (level > 0) {
            assertThat(frequency).isGreaterThan(layers.get(level - 1).frequency());
          }
        }
      }
    }

    @Test
    void fallsBackToMetaAwareness() {
      assertThat(registry.fallback().id()).isEqualTo(10);
      assertThat(registry.fallback().name()).isEqualTo("Meta-Awareness");
    }

    @Test
    void givesEveryLayerANameAndKeywords() {
      assertThat(registry.all())
          .flatMap(Dimension::layers)
          .allSatisfy(
              layer -> {
                assertThat(layer.name()).isNotBlank();
                assertThat(layer.keywords()).isNotEmpty();
              });
    }

    @Test
    void loadsTheSameFromACopyOnDisk(@TempDir Path dir) throws IOException {
      Path copy = dir.resolve("dimensions.json");
      try (var in = DimensionRegistry.class.getResourceAsStream("dimensions.json")) {
        Files.write(copy, in.readAllBytes());
      }

      DimensionRegistry loaded = DimensionRegistry.load(copy);

      assertThat(loaded.all()).isEqualTo(registry.all());
      assertThat(loaded.fallback()).isEqualTo(registry.fallback());
    }
  }

  @Nested
  class ValidFile {

    @Test
    void parsesDimensionsLayersAndFallback() {
      DimensionRegistry registry = parse(VALID);

      assertThat(registry.all()).extracting(Dimension::id).containsExactly(1, 3, 10);
      Dimension intention = registry.byId(3).orElseThrow();
      assertThat(intention.name()).isEqualTo("Intention");
      assertThat(intention.minFrequency()).isEqualTo(1.5);
      assertThat(intention.maxFrequency()).isEqualTo(3.5);
      assertThat(intention.layers())
          .extracting(Layer::frequency)
          .containsExactly(1.9, 2.3, 2.7, 3.1);
      assertThat(intention.root().name()).isEqualTo("Wanting");
      assertThat(intention.root().keywords()).containsExactlyInAnyOrder("want", "goal");
      assertThat(registry.fallback().name()).isEqualTo("Meta-Awareness");
      assertThat(registry.byId(2)).isEmpty();
    }

    @Test
    void ordersDimensionsById() {
      ObjectNode root = tree(VALID);
      ArrayNode dimensions = (ArrayNode) root.get("dimensions");
      JsonNode first = dimensions.remove(0);
      dimensions.add(first);

      assertThat(parse(root.toString()).all()).extracting(Dimension::id).containsExactly(1, 3, 10);
    }

    @Test
    void loadsFromAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
      Path good = Files.writeString(dir.resolve("good.json"), VALID, UTF_8);
      Path bad = Files.writeString(dir.resolve("bad.json"), "{", UTF_8);

      assertThat(DimensionRegistry.load(good).size()).isEqualTo(3);
      assertThatThrownBy(() -> DimensionRegistry.load(bad))
          .isInstanceOf(InvalidDimensionFileException.class)
          .hasMessageStartingWith(bad + ": not valid JSON");
    }

    @Test
    void reportsAFileThatCannotBeRead(@TempDir Path dir) {
      Path missing = dir.resolve("missing.json");

      assertThatThrownBy(() -> DimensionRegistry.load(missing))
          .isInstanceOf(InvalidDimensionFileException.class)
          .hasMessageStartingWith(missing + ": cannot be read")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Nested
  class InvalidFile {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("io.jessy.engine.DimensionRegistryTest#invalidTexts")
    void rejectsTextThatIsNotADimensionDocument(
        String description, String text, List<String> expected) {
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(InvalidDimensionFileException.class)
          .hasMessageStartingWith(SOURCE + ": ")
          .message()
          .contains(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("io.jessy.engine.DimensionRegistryTest#invalidEdits")
    void namesTheFileDimensionAndFieldAtFault(
        String description, Consumer<ObjectNode> edit, List<String> expected) {
      ObjectNode root = tree(VALID);
      edit.accept(root);

      assertThatThrownBy(() -> parse(root.toString()))
          .isInstanceOf(InvalidDimensionFileException.class)
          .hasMessageStartingWith(SOURCE + ": ")
          .message()
          .contains(expected);
    }
  }

  static Stream<Arguments> invalidTexts() {
    return Stream.of(
        arguments(
            "truncated JSON", "{\"dimensions\": [", List.of("fixture.json: not valid JSON (")),
        arguments("not JSON at all", "dimensions: none", List.of("not valid JSON")),
        arguments(
            "empty file", "", List.of("top level: must be an object with a \"dimensions\" array")),
        arguments("an array", "[]", List.of("top level: must be an object")),
        arguments(
            "a second document after the first",
            VALID + "{}",
            List.of("not valid JSON", "Trailing token")),
        arguments(
            "a repeated key",
            VALID.replace("\"frequency\": 2.7,", "\"frequency\": 2.7, \"frequency\": 9.9,"),
            List.of("not valid JSON", "Duplicate field 'frequency'")));
  }

  static Stream<Arguments> invalidEdits() {
    return Stream.of(
        edit(
            "missing dimensions",
            root -> root.remove("dimensions"),
            "top level: field \"dimensions\" must be a non-empty array"),
        edit(
            "empty dimensions",
            root -> root.putArray("dimensions"),
            "top level: field \"dimensions\" must be a non-empty array"),
        edit(
            "dimension that is not an object",
            root -> dimensions(root).set(1, 42),
            "dimensions[1]: must be an object"),
        edit(
            "missing id",
            root -> intention(root).remove("id"),
            "dimensions[1]: field \"id\" must be an integer"),
        edit(
            "fractional id",
            root -> intention(root).put("id", 3.5),
            "dimensions[1]: field \"id\" must be an integer"),
        edit(
            "zero id",
            root -> intention(root).put("id", 0),
            "dimensions[1]: field \"id\" must be a positive integer"),
        edit(
            "duplicate id",
            root -> emotion(root).put("id", 3),
            "dimension 3 (Intention): field \"id\" duplicates another dimension"),
        edit(
            "missing name",
            root -> intention(root).remove("name"),
            "dimension 3: field \"name\" must be a non-empty string"),
        edit(
            "blank name",
            root -> intention(root).put("name", "  "),
            "dimension 3: field \"name\" must be a non-empty string"),
        edit(
            "missing frequency range",
            root -> intention(root).remove("frequency_range"),
            "dimension 3 (Intention): field \"frequency_range\" must be an object"),
        edit(
            "missing range minimum",
            root -> range(root).remove("min"),
            "dimension 3 (Intention): field \"frequency_range.min\" must be a number"),
        edit(
            "textual range maximum",
            root -> range(root).put("max", "3.5"),
            "dimension 3 (Intention): field \"frequency_range.max\" must be a number"),
        edit(
            "range maximum below minimum",
            root -> range(root).put("max", 1.0),
            "dimension 3 (Intention): field \"frequency_range\" must satisfy 0 < min < max"),
        edit(
            "zero range minimum",
            root -> range(root).put("min", 0.0),
            "dimension 3 (Intention): field \"frequency_range\" must satisfy 0 < min < max"),
        edit(
            "three layers",
            root -> layers(root).remove(3),
            "dimension 3 (Intention): field \"layers\" must be an array of exactly 4 layers"),
        edit(
            "five layers",
            root -> layers(root).add(layers(root).get(3).deepCopy()),
            "dimension 3 (Intention): field \"layers\" must be an array of exactly 4 layers"),
        edit(
            "layers not an array",
            root -> intention(root).put("layers", "four"),
            "dimension 3 (Intention): field \"layers\" must be an array"),
        edit(
            "layer that is not an object",
            root -> layers(root).set(2, "practice"),
            "dimension 3 (Intention): field \"layers[2]\" must be an object"),
        edit(
            "layer level out of order",
            root -> layer(root, 2).put("level", 5),
            "dimension 3 (Intention): field \"layers[2].level\" must be 2, got 5"),
        edit(
            "missing layer name",
            root -> layer(root, 0).remove("name"),
            "dimension 3 (Intention): field \"layers[0].name\" must be a non-empty string"),
        edit(
            "missing layer frequency",
            root -> layer(root, 2).remove("frequency"),
            "dimension 3 (Intention): field \"layers[2].frequency\" must be a number"),
        edit(
            "frequency above the range",
            root -> layer(root, 2).put("frequency", 3.6),
            "dimension 3 (Intention): field \"layers[2].frequency\" is 3.6,"
                + " outside the range 1.5–3.5"),
        edit(
            "frequency below the range",
            root -> layer(root, 0).put("frequency", 1.4),
            "dimension 3 (Intention): field \"layers[0].frequency\" is 1.4,"
                + " outside the range 1.5–3.5"),
        edit(
            "frequency equal to the layer above",
            root -> layer(root, 2).put("frequency", 2.3),
            "dimension 3 (Intention): field \"layers[2].frequency\" must be higher than"
                + " layer 1's (2.3)"),
        edit(
            "frequency falling with depth",
            root -> layer(root, 3).put("frequency", 2.0),
            "dimension 3 (Intention): field \"layers[3].frequency\" must be higher than"
                + " layer 2's (2.7)"),
        edit(
            "missing keywords",
            root -> layer(root, 1).remove("keywords"),
            "dimension 3 (Intention): field \"layers[1].keywords\" must be a non-empty array"),
        edit(
            "empty keywords",
            root -> layer(root, 1).putArray("keywords"),
            "dimension 3 (Intention): field \"layers[1].keywords\" must be a non-empty array"),
        edit(
            "upper-case keyword",
            root -> layer(root, 1).putArray("keywords").add("Commitment"),
            "dimension 3 (Intention): field \"layers[1].keywords\" holds \"Commitment\";"
                + " keywords are lower-case words"),
        edit(
            "keyword with surrounding space",
            root -> layer(root, 1).putArray("keywords").add(" resolve"),
            "dimension 3 (Intention): field \"layers[1].keywords\" holds \" resolve\""),
        edit(
            "blank keyword",
            root -> layer(root, 1).putArray("keywords").add("commitment").add(" "),
            "dimension 3 (Intention): field \"layers[1].keywords\" holds \" \""),
        edit(
            "numeric keyword",
            root -> layer(root, 1).putArray("keywords").add(7),
            "dimension 3 (Intention): field \"layers[1].keywords\" holds 7"),
        edit(
            "missing fallback dimension",
            root -> root.remove("fallback_dimension"),
            "top level: field \"fallback_dimension\" must be an integer dimension id"),
        edit(
            "textual fallback dimension",
            root -> root.put("fallback_dimension", "10"),
            "top level: field \"fallback_dimension\" must be an integer dimension id"),
        edit(
            "unknown fallback dimension",
            root -> root.put("fallback_dimension", 99),
            "top level: field \"fallback_dimension\" names dimension 99, which is not defined"));
  }

  private static Arguments edit(String description, Consumer<ObjectNode> edit, String expected) {
    return arguments(description, edit, List.of(expected));
  }

  private static ArrayNode dimensions(ObjectNode root) {
    return (ArrayNode) root.get("dimensions");
  }

  private static ObjectNode emotion(ObjectNode root) {
    return (ObjectNode) dimensions(root).get(0);
  }

  private static ObjectNode intention(ObjectNode root) {
    return (ObjectNode) dimensions(root).get(1);
  }

  private static ObjectNode range(ObjectNode root) {
    return (ObjectNode) intention(root).get("frequency_range");
  }

  private static ArrayNode layers(ObjectNode root) {
    return (ArrayNode) intention(root).get("layers");
  }

  private static ObjectNode layer(ObjectNode root, int level) {
    return (ObjectNode) layers(root).get(level);
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static DimensionRegistry parse(String json) {
    return DimensionRegistry.parse(SOURCE, json.getBytes(UTF_8));
  }

  @Nested
  class Constructor {

    @Test
    void rejectsDuplicateIds() {
      List<Dimension> dimensions = List.of(Fixtures.dimension(4, 1.0), Fixtures.dimension(4, 2.0));

      assertThatThrownBy(() -> new DimensionRegistry(dimensions, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("duplicate dimension id 4");
    }

    @Test
    void rejectsAnUndefinedFallback() {
      List<Dimension> dimensions = List.of(Fixtures.dimension(4, 1.0));

      assertThatThrownBy(() -> new DimensionRegistry(dimensions, 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fallback dimension 5 is not defined");
    }

    @Test
    void sortsByIdAndReturnsAnImmutableList() {
      DimensionRegistry registry =
          new DimensionRegistry(List.of(Fixtures.dimension(9, 1.0), Fixtures.dimension(2, 2.0)), 9);

      assertThat(registry.all()).extracting(Dimension::id).containsExactly(2, 9);
      assertThat(registry.fallback().id()).isEqualTo(9);
      assertThatThrownBy(() -> registry.all().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(Set.copyOf(registry.all())).hasSize(2);
    }
  }
}
