package io.jessy.core.ops;

import io.jessy.engine.DimensionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the dimension registry is loaded (the session store has its own check). */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

  private final DimensionRegistry registry;

  public EngineHealthCheck(DimensionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("engine")
        .status(registry.size() > 0)
        .withData("dimensions", registry.size())
        .build();
  }
}
