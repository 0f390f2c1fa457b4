package io.jessy.core.ops;

import io.jessy.core.config.JessyConfig;
import io.jessy.core.llm.OpenAiCompatibleGenerator;
import io.jessy.core.session.SessionStore;
import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.DimensionRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /status}: what this instance is and has done. Never shows credentials. */
@Path("/status")
@Singleton
public class StatusResource {

  private final JessyConfig config;
  private final DimensionRegistry registry;
  private final SessionStore sessions;
  private final AnswerGenerator generator;
  private final JessyMetrics metrics;
  private final String version;
  private final String instance = instanceName();
  private Instant startedAt = Instant.now();

  public StatusResource(
      JessyConfig config,
      DimensionRegistry registry,
      SessionStore sessions,
      AnswerGenerator generator,
      JessyMetrics metrics,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.config = config;
    this.registry = registry;
    this.sessions = sessions;
    this.generator = generator;
    this.metrics = metrics;
    this.version = version;
  }

  void started(@Observes StartupEvent event) {
    startedAt = Instant.now();
  }

  @GET
  @NonBlocking
  @Produces(MediaType.APPLICATION_JSON)
  public Status status() {
    return new Status(
        HealthResource.SERVICE,
        instance,
        version,
        config.env().name().toLowerCase(Locale.ROOT),
        startedAt.truncatedTo(ChronoUnit.SECONDS),
        Duration.between(startedAt, Instant.now()).toSeconds(),
        registry.size(),
        metrics.processed(),
        sessions.backend(),
        generator instanceof OpenAiCompatibleGenerator llm ? "llm:" + llm.model() : "local");
  }

  /**
   * The host name: a container's (in Swarm and Kubernetes, one per replica), so clients and tests
   * can tell replicas apart.
   */
  static String instanceName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  public record Status(
      String service,
      String instance,
      String version,
      String environment,
      Instant startedAt,
      long uptimeSeconds,
      int dimensionsLoaded,
      long queriesProcessed,
      String storageBackend,
      String answerGenerator) {}
}
