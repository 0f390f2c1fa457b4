package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.CallerSignature;
import io.quarkus.runtime.Startup;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tells the core who is asking: the caller's principal, signed with {@code GATEWAY_SECRET} (see
 * {@link CallerSignature}). Whatever a client sent in those headers is dropped first, so only the
 * gateway ever sets them. Without a secret (development only) nothing is sent and the core sees
 * every caller as anonymous.
 */
// Created at start-up, so a bad setting stops the gateway before it takes traffic.
@Startup
@ApplicationScoped
public class IdentityHeaders {

  private static final Logger LOG = Logger.getLogger(IdentityHeaders.class);

  private final Optional<CallerSignature> signature;
  private final Clock clock;

  @Inject
  public IdentityHeaders(GatewayConfig config) {
    this(CallerSignature.of(config.secret(), GatewayConfig.production(config)), Clock.systemUTC());
    if (signature.isEmpty()) {
      LOG.warn(
          "GATEWAY_SECRET is not set: the core sees every caller as anonymous, so API keys do not"
              + " keep sessions apart (production refuses to start without it)");
    }
  }

  IdentityHeaders(Optional<CallerSignature> signature, Clock clock) {
    this.signature = signature;
    this.clock = clock;
  }

  /** Replaces any identity headers in {@code upstream} by this request's signed principal. */
  public void set(
      MultiMap upstream, String principal, String requestId, String method, String uri) {
    upstream.remove(CallerSignature.PRINCIPAL);
    upstream.remove(CallerSignature.SIGNATURE);
    signature.ifPresent(
        s -> {
          long now = clock.instant().getEpochSecond();
          upstream.set(CallerSignature.PRINCIPAL, principal);
          upstream.set(CallerSignature.SIGNATURE, s.sign(principal, requestId, method, uri, now));
        });
  }
}
