package io.jessy.core.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies over {@link #MAX_BYTES} with a 413 problem+json. Quarkus's own limit ({@code
 * quarkus.http.limits.max-body-size}, set higher) answers before any filter runs and with an empty
 * body, so it only remains as the backstop for chunked bodies that declare no length.
 */
@ApplicationScoped
public class BodyLimit {

  public static final long MAX_BYTES = 64 * 1024;

  /** After {@link RequestIds}, so the problem carries the request id. */
  private static final int PRIORITY = 900;

  private final RouteProblems problems;

  public BodyLimit(RouteProblems problems) {
    this.problems = problems;
  }

  void install(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  private void check(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || !tooLarge(length)) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    problems.send(
        ctx,
        413,
        "payload-too-large",
        "Payload too large",
        "The request body is " + length + " bytes; the limit is " + MAX_BYTES + " bytes (64 KiB).");
  }

  private static boolean tooLarge(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
