package io.jessy.core.ops;

import io.jessy.core.session.SessionStore;
import io.jessy.engine.DimensionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the dimension registry is loaded and the session store is reachable. */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

  private final DimensionRegistry registry;
  private final SessionStore sessions;

  public EngineHealthCheck(DimensionRegistry registry, SessionStore sessions) {
    this.registry = registry;
    this.sessions = sessions;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("engine")
        .status(registry.size() > 0)
        .withData("dimensions", registry.size())
        .withData("storage", sessions.backend())
        .build();
  }
}
