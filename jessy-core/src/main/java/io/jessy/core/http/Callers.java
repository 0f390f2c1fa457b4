package io.jessy.core.http;

import io.jessy.core.config.JessyConfig;
import io.jessy.web.CallerSignature;
import io.jessy.web.Environment;
import io.jessy.web.RequestIds;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * Who is asking. The gateway names the caller in {@value CallerSignature#PRINCIPAL}, signed with
 * the shared {@code GATEWAY_SECRET}; this filter believes the name only when the signature
 * verifies, and otherwise (no secret, no signature, a forged or stale one: any request straight to
 * the core) the caller is {@value CallerSignature#ANONYMOUS}. It then writes the verified name into
 * the header, so every later stage reads one trusted value through {@link #of}.
 */
@ApplicationScoped
public class Callers {

  /** After RequestIds (1000), whose id the signature covers; before everything else. */
  private static final int PRIORITY = 900;

  private static final String MDC_KEY = "principal";

  private final Optional<CallerSignature> signature;
  private final Clock clock = Clock.systemUTC();

  public Callers(JessyConfig config) {
    this.signature =
        CallerSignature.of(config.gatewaySecret(), config.env() == Environment.PRODUCTION);
  }

  void install(@Observes Filters filters) {
    filters.register(
        ctx -> {
          HttpServerRequest request = ctx.request();
          String principal = verified(request);
          request.headers().set(CallerSignature.PRINCIPAL, principal);
          request.headers().remove(CallerSignature.SIGNATURE);
          MDC.put(MDC_KEY, principal);
          ctx.next();
        },
        PRIORITY);
  }

  private String verified(HttpServerRequest request) {
    String claimed = request.getHeader(CallerSignature.PRINCIPAL);
    boolean genuine =
        signature.isPresent()
            && signature
                .get()
                .verifies(
                    claimed,
                    request.getHeader(CallerSignature.SIGNATURE),
                    RequestIds.of(request),
                    request.method().name(),
                    request.uri(),
                    clock.instant().getEpochSecond());
    return genuine ? claimed : CallerSignature.ANONYMOUS;
  }

  /** The caller's verified principal (set by this filter on every request). */
  public static String of(HttpServerRequest request) {
    return request.getHeader(CallerSignature.PRINCIPAL);
  }
}
