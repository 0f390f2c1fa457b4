package io.jessy.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an {@code X-Request-Id}: the client's when it is sane, a new UUID otherwise.
 * The id is written back into the request headers (so every later stage reads one value), echoed on
 * the response and put in the logging context as {@code request_id}.
 */
@ApplicationScoped
public class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";

  /** Up to 128 characters that are safe in logs and headers. */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Runs before every other filter, including for paths outside the REST resources. */
  private static final int PRIORITY = 1000;

  void install(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String id = ctx.request().getHeader(HEADER);
          if (!isSane(id)) {
            id = newId();
            ctx.request().headers().set(HEADER, id);
          }
          ctx.response().putHeader(HEADER, id);
          MDC.put(MDC_KEY, id);
          ctx.next();
        },
        PRIORITY);
  }

  /**
   * A random version-4 UUID. Request ids only need to be unique, not unguessable, so they come from
   * the thread's own generator rather than the shared SecureRandom of UUID.randomUUID().
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  public static boolean isSane(String id) {
    return id != null && SANE.matcher(id).matches();
  }

  /** The id {@link #install} settled on for this request. */
  public static String of(HttpServerRequest request) {
    return request.getHeader(HEADER);
  }
}
