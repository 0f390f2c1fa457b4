package io.jessy.core.session;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the session store answers; reports where it is and how fast it answered. */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

  private final SessionStore sessions;

  public StoreHealthCheck(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("store").withData("backend", sessions.backend());
    long start = System.nanoTime();
    try {
      sessions.ping();
      return response.up().withData("latency_ms", (System.nanoTime() - start) / 1_000_000).build();
    } catch (StoreUnavailableException e) {
      return response.down().withData("reason", String.valueOf(e.getCause().getMessage())).build();
    }
  }
}
