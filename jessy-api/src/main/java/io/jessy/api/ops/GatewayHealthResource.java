package io.jessy.api.ops;

import io.jessy.api.config.GatewayConfig;
import io.jessy.api.proxy.RateLimits;
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
 * checks.core}. {@code checks.rate_limits} says where the buckets are: {@code "buckets":"local"}
 * (each replica's own) or {@code "shared"} (RATE_LIMIT_DATABASE_URL); a store that does not answer
 * makes that check {@code "degraded"}, with local buckets, but not the gateway unhealthy: it still
 * serves, and still limits. {@code /api/health/live} never depends on the core.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayHealthResource {

  public static final String SERVICE = "jessy-api";
  static final long PROBE_TIMEOUT_MS = 2000;

  private final String version;
  private final HttpClient client;
  private final String readyPath;
  private final RateLimits limits;

  public GatewayHealthResource(
      GatewayConfig config,
      HttpClient client,
      RateLimits limits,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.version = version;
    this.client = client;
    this.limits = limits;
    String base = config.coreUrl().getPath() == null ? "" : config.coreUrl().getPath();
    this.readyPath = base.replaceAll("/$", "") + "/health/ready";
  }

  @GET
  @NonBlocking
  public Uni<Response> health() {
    return Uni.combine()
        .all()
        .unis(probeCore(), probeLimits())
        .with(
            (core, buckets) ->
                HealthReport.of(
                        "up".equals(core.get("status")),
                        SERVICE,
                        version,
                        Map.of("core", core, "rate_limits", buckets))
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

  private Uni<Map<String, Object>> probeLimits() {
    long start = System.nanoTime();
    return Uni.createFrom()
        .completionStage(limits::where)
        .map(where -> buckets(check("up", start, null), where))
        .onFailure()
        .recoverWithItem(
            failure ->
                buckets(check("degraded", start, RateLimits.reason(failure)), RateLimits.LOCAL));
  }

  private static Map<String, Object> buckets(Map<String, Object> check, String where) {
    check.put("buckets", where);
    return check;
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
