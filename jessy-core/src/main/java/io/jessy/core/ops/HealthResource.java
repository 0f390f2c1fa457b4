package io.jessy.core.ops;

import io.jessy.web.HealthReport;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The design's health body ({@code status}, {@code timestamp}, {@code service}, {@code version}) at
 * {@code /health}, {@code /health/live} and {@code /health/ready}, computed from the SmallRye
 * Health checks (which Quarkus serves in its own format under {@code /q/health}). 200 when every
 * check is up, 503 otherwise.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  public static final String SERVICE = "jessy-core";

  private final SmallRyeHealthReporter reporter;
  private final String version;

  public HealthResource(
      SmallRyeHealthReporter reporter,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.reporter = reporter;
    this.version = version;
  }

  @GET
  public Response health() {
    return respond(reporter.getHealth());
  }

  @GET
  @Path("/live")
  public Response live() {
    return respond(reporter.getLiveness());
  }

  @GET
  @Path("/ready")
  public Response ready() {
    return respond(reporter.getReadiness());
  }

  private Response respond(SmallRyeHealth health) {
    Map<String, Object> checks = new LinkedHashMap<>();
    for (JsonValue value : health.getPayload().getJsonArray("checks")) {
      JsonObject check = value.asJsonObject();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("status", check.getString("status").toLowerCase(Locale.ROOT));
      JsonObject data = check.getJsonObject("data");
      if (data != null) {
        data.forEach(
            (key, v) ->
                entry.put(
                    key,
                    v.getValueType() == JsonValue.ValueType.STRING
                        ? data.getString(key)
                        : v.toString()));
      }
      checks.put(check.getString("name"), entry);
    }
    return HealthReport.of(!health.isDown(), SERVICE, version, checks).toResponse();
  }
}
