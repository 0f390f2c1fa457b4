package io.jessy.core.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class DimensionsResourceTest {

  private JsonPath body;

  @BeforeEach
  void fetch() {
    body =
        given()
            .get("/api/v1/dimensions")
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath();
  }

  @Test
  void listsFifteenDimensionsOfFourLayersWithMetaAwarenessAsFallback() {
    assertThat(body.getInt("count")).isEqualTo(15);
    assertThat(body.getInt("fallback_dimension")).isEqualTo(10);
    assertThat(body.getList("dimensions.id", Integer.class))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    for (int i = 0; i < 15; i++) {
      assertThat(body.getList("dimensions[" + i + "].layers.level", Integer.class))
          .containsExactly(0, 1, 2, 3);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}–{3} Hz")
  @CsvSource({
    "1, Emotion, 0.5, 2.5",
    "2, Cognition, 1.0, 3.0",
    "3, Intention, 1.5, 3.5",
    "4, Social Context, 0.8, 2.8",
    "5, Temporal State, 0.3, 2.3",
    "6, Philosophical Depth, 0.1, 1.5",
    "7, Technical Level, 2.0, 4.0",
    "8, Creative Mode, 1.2, 3.2",
    "9, Ethical Framework, 0.5, 2.0",
    "10, Meta-Awareness, 0.2, 1.8",
    "11, Sensory Processing, 2.5, 4.5",
    "12, Memory Integration, 0.8, 2.5",
    "13, Pattern Recognition, 1.5, 3.8",
    "14, Linguistic Structure, 1.8, 3.5",
    "15, Educational, 1.7, 2.7"
  })
  void servesEachDimensionWithItsNameRangeAndRisingLayerFrequencies(
      int id, String name, double min, double max) {
    String at = "dimensions[" + (id - 1) + "]";

    assertThat(body.getInt(at + ".id")).isEqualTo(id);
    assertThat(body.getString(at + ".name")).isEqualTo(name);
    assertThat(body.getDouble(at + ".frequency_range.min")).isEqualTo(min);
    assertThat(body.getDouble(at + ".frequency_range.max")).isEqualTo(max);
    List<Double> frequencies = body.getList(at + ".layers.frequency", Double.class);
    assertThat(frequencies).hasSize(4).isSorted().doesNotHaveDuplicates();
    assertThat(frequencies).allSatisfy(f -> assertThat(f).isBetween(min, max));
  }

  @Test
  void servesKeywordsSortedAndRootsHoldingTheDimensionsOwnName() {
    for (int i = 0; i < 15; i++) {
      String at = "dimensions[" + i + "]";
      for (int level = 0; level < 4; level++) {
        List<String> keywords = body.getList(at + ".layers[" + level + "].keywords", String.class);
        assertThat(keywords).as("%s layer %d", at, level).isNotEmpty().isSorted();
      }
      List<String> nameWords =
          List.of(body.getString(at + ".name").toLowerCase(Locale.ROOT).split("[ -]"));
      assertThat(body.getList(at + ".layers[0].keywords", String.class))
          .as("root keywords of %s", body.getString(at + ".name"))
          .containsAnyElementsOf(nameWords);
    }
    assertThat(body.getList("dimensions[0].layers[0].keywords", String.class))
        .contains("emotion", "feeling", "feel", "happy", "sad");
  }
}
