package io.jessy.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses request bodies over {@link #MAX_BYTES} with a 413 problem+json. A declared {@code
 * Content-Length} is checked before anything is read; a chunked body is read through Vert.x's
 * {@link BodyHandler} with the same limit, whose failure is rendered here too. Quarkus's own limit
 * ({@code quarkus.http.limits.max-body-size}) is set higher: it answers with an empty body.
 */
@ApplicationScoped
public class BodyLimit {

  public static final long MAX_BYTES = 64 * 1024;

  /** The one problem type for a body over the limit, wherever it is refused. */
  public static final String SLUG = "payload-too-large";

  public static final String TITLE = "Payload too large";

  /** After {@link RequestIds}, so the problem carries the request id. */
  private static final int PRIORITY = 900;

  private final RouteProblems problems;
  private final BodyHandler chunkedBodies =
      BodyHandler.create(false).setBodyLimit(MAX_BYTES).setHandleFileUploads(false);

  public BodyLimit(RouteProblems problems) {
    this.problems = problems;
  }

  void install(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  void renderFailures(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(
                    ctx, "The request body exceeds the limit of " + MAX_BYTES + " bytes (64 KiB).");
              } else {
                ctx.next();
              }
            });
  }

  private void check(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      if (tooLarge(length)) {
        refuse(
            ctx,
            "The request body is "
                + length
                + " bytes; the limit is "
                + MAX_BYTES
                + " bytes (64 KiB).");
      } else {
        ctx.next();
      }
    } else if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      chunkedBodies.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private void refuse(RoutingContext ctx, String detail) {
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    problems.send(ctx, 413, SLUG, TITLE, detail);
  }

  private static boolean tooLarge(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
