package io.jessy.api.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The API contract, {@code META-INF/openapi.yaml}, as the gateway serves it: exactly the file (no
 * scanning adds or drops anything), as JSON and YAML, and browsable, all without a key and without
 * the core.
 */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class OpenApiDocumentTest extends GatewayTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode theFile() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
      return YAML.readTree(in);
    }
  }

  @Test
  void servesTheContractAsWrittenInJson() throws IOException {
    Response response = given().get("/api/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode served = new ObjectMapper().readTree(response.asByteArray());
    assertThat(served).isEqualTo(theFile());
    assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(served.path("paths").has("/api/v1/query/stream")).isTrue();
    core.verifyThat(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void servesTheSameContractInYaml() throws IOException {
    Response response = given().get("/api/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/yaml");
    assertThat(YAML.readTree(response.asByteArray())).isEqualTo(theFile());
  }

  @Test
  void servesABrowsableReferenceFromTheGatewayItself() {
    Response response = given().get("/api/docs/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/html");
    // Swagger UI's files come from the gateway itself: no script or style from another host.
    assertThat(response.asString()).doesNotContainPattern("(src|href)=[\"']?(https?:)?//");
  }
}
