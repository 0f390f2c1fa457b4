package io.jessy.core.ops;

import io.jessy.core.config.JessyConfig;
import io.jessy.web.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Hides {@code /metrics} when {@code PROMETHEUS_ENABLED=false}. The Prometheus endpoint itself is
 * fixed when Quarkus builds the application, so the switch has to sit in front of it.
 */
@ApplicationScoped
public class MetricsSwitch {

  void install(@Observes Filters filters, JessyConfig config, RouteProblems problems) {
    if (config.metrics()) {
      return;
    }
    filters.register(
        ctx -> {
          if (ctx.normalizedPath().equals("/metrics")) {
            problems.send(
                ctx,
                404,
                "not-found",
                "Not found",
                "Metrics are disabled (PROMETHEUS_ENABLED=false).");
          } else {
            ctx.next();
          }
        },
        800);
  }
}
