package io.jessy.api.tls;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * With HTTPS on ({@link TlsConfigSource}), what plain HTTP may still do: only what the container's
 * own health probe and Prometheus ask for inside the network (health and metrics, which carry no
 * key and no user data). Every other request on the plain port is refused with a problem that names
 * HTTPS, so an API key is never accepted in clear. HTTPS responses carry Strict-Transport-Security,
 * so a browser that met the gateway once never tries plain HTTP again.
 */
@ApplicationScoped
public class PlainHttpPolicy {

  static final String HSTS = "max-age=31536000";

  /**
   * Right after RequestIds (1000), so a refusal carries its request id, and before every route, the
   * console's static files and the proxy included.
   */
  private static final int PRIORITY = 990;

  static final Set<String> PLAIN_PATHS =
      Set.of("/api/health", "/api/health/live", "/api/health/ready", "/api/metrics");

  private final boolean https;
  private final RouteProblems problems;

  public PlainHttpPolicy(GatewayConfig config, RouteProblems problems) {
    this.https = config.https();
    this.problems = problems;
  }

  void install(@Observes Filters filters) {
    if (https) {
      filters.register(this::filter, PRIORITY);
    }
  }

  private void filter(RoutingContext ctx) {
    if (ctx.request().isSSL()) {
      ctx.response().putHeader("Strict-Transport-Security", HSTS);
      ctx.next();
    } else if (PLAIN_PATHS.contains(ctx.normalizedPath())) {
      ctx.next();
    } else {
      problems.send(
          ctx,
          403,
          "https-required",
          "HTTPS required",
          "This gateway serves its API and console over HTTPS only.");
    }
  }
}
