package io.jessy.api.ops;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.HealthReport;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/health} and {@code /api/health/ready}: healthy only while the core answers its own
 * readiness check within {@link #PROBE_TIMEOUT_MS}, with the core's status and latency under {@code
 * checks.core}. {@code /api/health/live} never depends on the core.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayHealthResource {

  public static final String SERVICE = "jessy-api";
  static final long PROBE_TIMEOUT_MS = 2000;

  private final String version;
  private final HttpClient client;
  private final String readyPath;

  public GatewayHealthResource(
      GatewayConfig config,
      HttpClient client,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.version = version;
    this.client = client;
    String base = config.coreUrl().getPath() == null ? "" : config.coreUrl().getPath();
    this.readyPath = base.replaceAll("/$", "") + "/health/ready";
  }

  @GET
  @NonBlocking
  public Uni<Response> health() {
    return probeCore()
        .map(
            core ->
                HealthReport.of(
                        "up".equals(core.get("status")), SERVICE, version, Map.of("core", core))
                    .toResponse());
  }

  @GET
  @Path("/ready")
  @NonBlocking
  public Uni<Response> ready() {
    return health();
  }

  @GET
  @Path("/live")
  @NonBlocking
  public Response live() {
    return HealthReport.of(true, SERVICE, version, Map.of()).toResponse();
  }

  private Uni<Map<String, Object>> probeCore() {
    long start = System.nanoTime();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI(readyPath)
            .setIdleTimeout(PROBE_TIMEOUT_MS);
    return Uni.createFrom()
        .completionStage(
            () ->
                client
                    .request(options)
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .toCompletionStage())
        .map(
            status ->
                check(
                    status == 200 ? "up" : "down", start, status == 200 ? null : "HTTP " + status))
        .onFailure()
        .recoverWithItem(failure -> check("down", start, failure.getClass().getSimpleName()));
  }

  private static Map<String, Object> check(String status, long start, String error) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("status", status);
    check.put("latency_ms", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
    if (error != null) {
      check.put("error", error);
    }
    return check;
  }
}
