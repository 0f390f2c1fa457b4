package io.jessy.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The design document's health body, shared by both services: {@code {"status": "healthy" |
 * "unhealthy", "timestamp": RFC 3339, "service", "version", "checks": {…}}}, served with 200 when
 * healthy and 503 otherwise.
 */
public record HealthReport(
    String status, String timestamp, String service, String version, Map<String, Object> checks) {

  public static HealthReport of(
      boolean healthy, String service, String version, Map<String, Object> checks) {
    return new HealthReport(
        healthy ? "healthy" : "unhealthy",
        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        service,
        version,
        Map.copyOf(checks));
  }

  public Response toResponse() {
    return Response.status("healthy".equals(status) ? 200 : 503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(this)
        .build();
  }
}
