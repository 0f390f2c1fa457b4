package io.jessy.api.ops;

import io.jessy.web.CallerSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The gateway's own metrics: {@code jessy_gateway_requests_total{route,method,principal,status}}
 * (status {@code RESET} for a client that went away; principal the API key's name, {@code
 * anonymous}, or {@code unauthenticated} for a 401), {@code jessy_gateway_rate_limited_total
 * {principal}}, {@code jessy_gateway_upstream_duration_seconds{route}} (until the core's response
 * headers) and {@code jessy_gateway_circuit_breaker_state} (0 closed, 1 half-open, 2 open). Created
 * at start-up so every series exists before the first request.
 */
@Startup
@ApplicationScoped
public class GatewayMetrics {

  private static final Pattern SESSION = Pattern.compile("^/api/v1/sessions/[^/]+$");

  private final MeterRegistry registry;
  private final AtomicInteger breaker = new AtomicInteger();
  private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();
  private final Map<RequestLabels, Counter> requests = new ConcurrentHashMap<>();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    rateLimited(CallerSignature.ANONYMOUS, 0);
    Gauge.builder("jessy.gateway.circuit.breaker.state", breaker, AtomicInteger::get)
        .description("The circuit breaker to the core: 0 closed, 1 half-open, 2 open")
        .register(registry);
  }

  /** The route template a path belongs to, so session ids do not become label values. */
  public static String route(String path) {
    if (path == null) {
      return "other";
    }
    if (SESSION.matcher(path).matches()) {
      return "/api/v1/sessions/{id}";
    }
    return switch (path) {
      case "/api/v1/query", "/api/v1/query/stream", "/api/v1/dimensions" -> path;
      default -> "other";
    };
  }

  public void request(String route, HttpMethod method, String principal, int status) {
    count(route, method, principal, Integer.toString(status));
  }

  /**
   * A request whose client went away before its response was through: status {@code RESET}, as the
   * core's own {@code http_server_requests} metric says, never the status we were sending.
   */
  public void abandoned(String route, HttpMethod method, String principal) {
    count(route, method, principal, "RESET");
  }

  /** The labels of one {@code jessy_gateway_requests_total} series. */
  private record RequestLabels(String route, HttpMethod method, String principal, String status) {}

  private void count(String route, HttpMethod method, String principal, String status) {
    // Looked up, not rebuilt, per request: building a meter's id costs more than forwarding.
    requests
        .computeIfAbsent(
            new RequestLabels(route, method, principal, status),
            labels ->
                Counter.builder("jessy.gateway.requests")
                    .description(
                        "Requests to /api/v1, by route template, method, principal and status")
                    .tag("route", labels.route())
                    .tag("method", labels.method().name())
                    .tag("principal", labels.principal())
                    .tag("status", labels.status())
                    .register(registry))
        .increment();
  }

  public void upstream(String route, long nanos) {
    upstreamTimers
        .computeIfAbsent(
            route,
            r ->
                Timer.builder("jessy.gateway.upstream.duration")
                    .description("Time until the core's response headers")
                    .tag("route", r)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void rateLimited(String principal) {
    rateLimited(principal, 1);
  }

  private void rateLimited(String principal, int count) {
    Counter.builder("jessy.gateway.rate.limited")
        .description("Requests refused by the per-client rate limit")
        .tag("principal", principal)
        .register(registry)
        .increment(count);
  }

  public void breakerState(CircuitBreakerState state) {
    breaker.set(
        switch (state) {
          case CLOSED -> 0;
          case HALF_OPEN -> 1;
          case OPEN -> 2;
        });
  }
}
