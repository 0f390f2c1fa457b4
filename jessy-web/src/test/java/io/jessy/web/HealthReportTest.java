package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared health body of SPEC §1 and its status code. */
class HealthReportTest {

  /** RFC 3339 §5.6 date-time. */
  private static final String RFC_3339 =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

  @ParameterizedTest(name = "healthy={0} → {1} {2}")
  @CsvSource({"true, healthy, 200", "false, unhealthy, 503"})
  void answersWithTheStatusItReports(boolean healthy, String status, int code) {
    Response response = HealthReport.of(healthy, "jessy-api", "1.2.3", Map.of()).toResponse();

    assertThat(response.getStatus()).isEqualTo(code);
    assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
    assertThat(((HealthReport) response.getEntity()).status()).isEqualTo(status);
  }

  @Test
  void serialisesTheDesignDocumentsFields() throws Exception {
    HealthReport report =
        HealthReport.of(
            true, "jessy-api", "1.2.3", Map.of("core", Map.of("status", "up", "latency_ms", 1.5)));

    JsonNode body =
        PlumbingServer.SERVICE_JSON.readTree(
            PlumbingServer.SERVICE_JSON.writeValueAsString(report.toResponse().getEntity()));

    assertThat(body.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("status", "timestamp", "service", "version", "checks");
    assertThat(body.get("status").asText()).isEqualTo("healthy");
    assertThat(body.get("service").asText()).isEqualTo("jessy-api");
    assertThat(body.get("version").asText()).isEqualTo("1.2.3");
    assertThat(body.at("/checks/core/status").asText()).isEqualTo("up");
    assertThat(body.at("/checks/core/latency_ms").asDouble()).isEqualTo(1.5);
  }

  @Test
  void stampsTheCurrentTimeInRfc3339() {
    Instant before = Instant.now().minusSeconds(1);

    String timestamp = HealthReport.of(true, "s", "v", Map.of()).timestamp();

    assertThat(timestamp).matches(RFC_3339);
    Instant stamped =
        OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    assertThat(stamped).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
  }

  @Test
  void keepsItsOwnImmutableCopyOfTheChecks() {
    Map<String, Object> checks = new HashMap<>(Map.of("core", "up"));

    HealthReport report = HealthReport.of(false, "s", "v", checks);
    checks.put("db", "down");

    assertThat(report.checks()).containsOnlyKeys("core");
    assertThatThrownBy(() -> report.checks().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
