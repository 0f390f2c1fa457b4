package io.jessy.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link GatewayMetrics}: bounded route labels and the gateway's own meters. */
class GatewayMetricsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      nullValues = "<null>",
      value = {
        "/api/v1/query, /api/v1/query",
        "/api/v1/query/stream, /api/v1/query/stream",
        "/api/v1/dimensions, /api/v1/dimensions",
        "/api/v1/sessions/abc-123, /api/v1/sessions/{id}",
        "/api/v1/sessions/0f9a6c1e-3b7d-4d0e-9a43-1c2b3d4e5f60, /api/v1/sessions/{id}",
        "/api/v1/sessions/a/b, other",
        "/api/v1/sessions/, other",
        "/api/v1/sessions, other",
        "/api/v1/query/, other",
        "/api/v1/anything-else, other",
        "/api/v1/query/../../etc, other",
        "<null>, other"
      })
  void mapsEveryPathToABoundedRouteLabel(String path, String route) {
    assertThat(GatewayMetrics.route(path)).isEqualTo(route);
  }

  @Test
  void countsRequestsByRouteMethodPrincipalAndStatus() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GatewayMetrics metrics = new GatewayMetrics(registry);

    metrics.request("/api/v1/query", HttpMethod.POST, "alice", 200);
    metrics.request("/api/v1/query", HttpMethod.POST, "alice", 200);
    metrics.request("/api/v1/query", HttpMethod.POST, "bob", 429);
    metrics.abandoned("/api/v1/query", HttpMethod.POST, "bob");

    assertThat(
            registry
                .get("jessy.gateway.requests")
                .tags(
                    "route",
                    "/api/v1/query",
                    "method",
                    "POST",
                    "principal",
                    "alice",
                    "status",
                    "200")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("jessy.gateway.requests").tag("status", "429").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("jessy.gateway.requests")
                .tags("principal", "bob", "status", "RESET")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void recordsUpstreamLatencyPerRoute() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GatewayMetrics metrics = new GatewayMetrics(registry);

    metrics.upstream("/api/v1/dimensions", TimeUnit.MILLISECONDS.toNanos(12));

    var timer =
        registry.get("jessy.gateway.upstream.duration").tag("route", "/api/v1/dimensions").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
  }

  @Test
  void countsRateLimitedRequestsPerPrincipalFromZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GatewayMetrics metrics = new GatewayMetrics(registry);
    assertThat(registry.get("jessy.gateway.rate.limited").counter().count()).isZero();

    metrics.rateLimited("alice");
    metrics.rateLimited("alice");
    metrics.rateLimited("anonymous");

    assertThat(
            registry.get("jessy.gateway.rate.limited").tag("principal", "alice").counter().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("jessy.gateway.rate.limited")
                .tag("principal", "anonymous")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"OPEN, 2", "HALF_OPEN, 1", "CLOSED, 0"})
  void exposesTheBreakerStateAsANumber(CircuitBreakerState state, double value) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GatewayMetrics metrics = new GatewayMetrics(registry);
    metrics.breakerState(CircuitBreakerState.OPEN);

    metrics.breakerState(state);

    assertThat(registry.get("jessy.gateway.circuit.breaker.state").gauge().value())
        .isEqualTo(value);
  }
}
