package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.jessy.api.ops.GatewayMetrics;
import io.jessy.web.BodyLimit;
import io.jessy.web.CallerSignature;
import io.jessy.web.RequestIds;
import io.jessy.web.RouteProblems;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.net.ConnectException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Forwards {@code /api/v1/**} to the core: API key, then rate limit, then the request with its
 * method, body and end-to-end headers; the response comes back as it is, streamed (so Server-Sent
 * Events pass event by event). A circuit breaker guards the core (503 with {@code Retry-After}
 * while open), idempotent requests get one retry after a refused or dropped connection, and a core
 * that stays silent longer than {@code UPSTREAM_TIMEOUT} is a 504. Requests take the core's
 * replicas in turn ({@link CoreEndpoints}); one the core provably never received (the connection
 * was refused, or closed before the request was on it) goes at once to the next replica, whatever
 * its method.
 *
 * <p>A client that goes away is not the core's failure: its response is drained so the pooled
 * connection stays usable, or, for an event stream (which has a connection of its own), the core's
 * connection is closed so the core stops working for nobody. Neither counts toward the breaker.
 *
 * <p>Written by hand rather than on Vert.x's reverse proxy ({@code vertx-http-proxy}): that one,
 * with the same checks, breaker and per-loop clients, was no faster in two runs (0.89 and 0.85 ×
 * nginx, 174 and 124 µs of CPU per request, against 0.93 and 0.84 ×, 163 and 120 µs here; see
 * docs/BENCHMARKS.md), and it has no place to resend a request after a stale connection or to
 * answer a failure with a problem document.
 */
@ApplicationScoped
public class CoreProxy {

  private static final Logger LOG = Logger.getLogger(CoreProxy.class);

  /** RFC 9110 §7.6.1 connection-specific headers, never forwarded in either direction. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  /** Event streams run on a connection of their own, so that ending one early ends only it. */
  private static final String STREAM_ROUTE = "/api/v1/query/stream";

  /**
   * The breaker's rolling window: it opens when half of the last this-many calls failed, so a
   * handful of failures among many successes never opens it.
   */
  static final int BREAKER_WINDOW = 40;

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  /** W3C trace context headers (https://www.w3.org/TR/trace-context/). */
  private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

  /** The caller's principal: routing-context key and logging-context key. */
  private static final String PRINCIPAL = "principal";

  /** The principal label of a request refused for want of a valid key. */
  private static final String UNAUTHENTICATED = "unauthenticated";

  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(
          HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);

  private static final TypeLiteral<CompletionStage<HttpClientResponse>> RESPONSE =
      new TypeLiteral<>() {};

  private final GatewayConfig config;
  private final ApiKeys keys;
  private final ClientAddress addresses;
  private final IdentityHeaders identity;
  private final RateLimits limits;
  private final RouteProblems problems;
  private final GatewayMetrics metrics;
  private final CoreClient clients;
  private final CoreEndpoints endpoints;
  private final TypedGuard<CompletionStage<HttpClientResponse>> breaker;
  private final TypedGuard<CompletionStage<HttpClientResponse>> resend;
  private final TypedGuard<CompletionStage<HttpClientResponse>> retry;

  public CoreProxy(
      GatewayConfig config,
      ApiKeys keys,
      ClientAddress addresses,
      IdentityHeaders identity,
      RateLimits limits,
      RouteProblems problems,
      GatewayMetrics metrics,
      CoreClient clients,
      CoreEndpoints endpoints) {
    this.config = config;
    this.keys = keys;
    this.addresses = addresses;
    this.identity = identity;
    this.limits = limits;
    this.problems = problems;
    this.metrics = metrics;
    this.clients = clients;
    this.endpoints = endpoints;
    this.breaker =
        TypedGuard.create(RESPONSE)
            .withCircuitBreaker()
            .name("core")
            .requestVolumeThreshold(BREAKER_WINDOW)
            .failureRatio(0.5)
            .successThreshold(1)
            .delay(config.upstream().breakerDelay().toMillis(), ChronoUnit.MILLIS)
            .onStateChange(metrics::breakerState)
            .done()
            // The guarded call never blocks: run it on the event loop, no hop to a worker thread.
            .withThreadOffload(false)
            .build();
    // A pooled connection that closed before our request was on it, or a replica that refused
    // the connection: the core never saw the request, so any method goes again, at once, on
    // another connection (to the next replica). Inside the breaker (a guard's own retry would wrap
    // its breaker), so a stale connection or one replica gone is never a core failure.
    this.resend = retrying(2, 0, List.of(UnsentRequestException.class, ConnectException.class));
    // A refused or dropped connection; never a timeout (the core may still be working).
    this.retry = retrying(1, 50, List.of(IOException.class, HttpClosedException.class));
  }

  private static TypedGuard<CompletionStage<HttpClientResponse>> retrying(
      int times, long delayMillis, List<Class<? extends Throwable>> on) {
    return TypedGuard.create(RESPONSE)
        .withRetry()
        .maxRetries(times)
        .delay(delayMillis, ChronoUnit.MILLIS)
        .jitter(0, ChronoUnit.MILLIS)
        .retryOn(on)
        .done()
        .withThreadOffload(false)
        .build();
  }

  void install(@Observes Router router) {
    // BodyHandler resumes and buffers the (≤ 64 KiB) body; bodies over the limit never get here.
    router
        .route("/api/v1/*")
        .handler(BodyHandler.create(false).setBodyLimit(BodyLimit.MAX_BYTES))
        .handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    String route = GatewayMetrics.route(ctx.normalizedPath());
    ctx.addEndHandler(
        done -> {
          String principal = ctx.get(PRINCIPAL, UNAUTHENTICATED);
          if (done.succeeded()) {
            metrics.request(
                route, ctx.request().method(), principal, ctx.response().getStatusCode());
          } else {
            metrics.abandoned(route, ctx.request().method(), principal);
          }
        });

    Optional<String> principal =
        keys.required()
            ? keys.principal(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
            : Optional.of(CallerSignature.ANONYMOUS);
    if (principal.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      problems.send(
          ctx,
          401,
          "unauthorized",
          "Unauthorized",
          "Send a valid API key as 'Authorization: Bearer <key>'.");
      return;
    }
    ctx.put(PRINCIPAL, principal.get());
    MDC.put(PRINCIPAL, principal.get());
    // A key's holder is one client wherever it calls from; without keys, each address is one.
    String client =
        keys.required()
            ? "key:" + principal.get()
            : "ip:" + addresses.of(peer(ctx), ctx.request().headers().getAll(FORWARDED_FOR));
    limits.take(client, decision -> limited(ctx, route, principal.get(), decision));
  }

  /** Answers 429 when the client's bucket is empty, otherwise forwards the request. */
  private void limited(
      RoutingContext ctx, String route, String principal, RateLimits.Decision decision) {
    MultiMap headers = ctx.response().headers();
    headers.set("RateLimit-Limit", Long.toString(decision.limit()));
    headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
    headers.set("RateLimit-Reset", Long.toString(decision.reset()));
    if (!decision.allowed()) {
      metrics.rateLimited(principal);
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfter()));
      problems.send(
          ctx,
          429,
          "rate-limited",
          "Too many requests",
          "The rate limit is "
              + config.rateLimit().rps()
              + " requests per second with bursts of "
              + config.rateLimit().burst()
              + "; retry after "
              + decision.retryAfter()
              + " s.");
      return;
    }

    Buffer body = ctx.body().buffer();
    forward(ctx, route, principal, body != null ? body : Buffer.buffer());
  }

  /** The socket's own peer address. */
  private static String peer(RoutingContext ctx) {
    var socket = ctx.request().connection().remoteAddress();
    return socket == null ? null : socket.hostAddress();
  }

  private void forward(RoutingContext ctx, String route, String principal, Buffer body) {
    boolean stream = route.equals(STREAM_ROUTE);
    MultiMap upstreamHeaders = upstreamHeaders(ctx);
    identity.set(
        upstreamHeaders,
        principal,
        RequestIds.of(ctx.request()),
        ctx.request().method().name(),
        ctx.request().uri());
    if (stream) {
      upstreamHeaders.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    // The core's name for Host (and TLS), the address of the replica per attempt (send).
    RequestOptions options =
        new RequestOptions()
            .setHost(endpoints.host())
            .setPort(endpoints.port())
            .setMethod(ctx.request().method())
            .setURI(ctx.request().uri())
            .setIdleTimeout(config.upstream().timeout().toMillis())
            .setHeaders(upstreamHeaders);
    long start = System.nanoTime();
    Context context = Vertx.currentContext();
    // Retries go out through the same loop's client, whatever thread runs them.
    HttpClient client = clients.onThisLoop();
    TypedGuard<CompletionStage<HttpClientResponse>> outer =
        IDEMPOTENT.contains(ctx.request().method()) ? retry : null;
    Supplier<CompletionStage<HttpClientResponse>> guarded =
        () -> breaker.get(() -> resend.get(() -> send(client, options, body)));
    CompletionStage<HttpClientResponse> call = outer != null ? outer.get(guarded) : guarded.get();
    call.whenComplete(
        (response, failure) -> {
          Runnable answer =
              () -> {
                metrics.upstream(route, System.nanoTime() - start);
                if (failure != null) {
                  fail(ctx, failure);
                } else {
                  relay(ctx, response, stream);
                }
              };
          // Mostly completed on the request's own context already: then no task to queue.
          if (Vertx.currentContext() == context) {
            answer.run();
          } else {
            context.runOnContext(v -> answer.run());
          }
        });
  }

  private CompletionStage<HttpClientResponse> send(
      HttpClient client, RequestOptions options, Buffer body) {
    SocketAddress server = endpoints.next();
    return client
        .request(options.setServer(server))
        .onFailure(
            failure -> {
              if (failure instanceof ConnectException) {
                endpoints.refused(server);
              }
            })
        .compose(
            request ->
                // The written future fails only when the connection closed before the request
                // was on it; then the core cannot have seen it.
                request
                    .end(body)
                    .transform(
                        written ->
                            written.succeeded()
                                ? request.response()
                                : Future.failedFuture(new UnsentRequestException(written.cause()))))
        // Hold the body until the client response is set up, whatever thread completes the guard.
        .map(
            response -> {
              response.pause();
              return response;
            })
        .toCompletionStage();
  }

  private MultiMap upstreamHeaders(RoutingContext ctx) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Set<String> named = connectionTokens(ctx.request().getHeader(HttpHeaders.CONNECTION));
    // A tracing gateway continues the client's trace in its own span and sends that span's
    // context on; passed through as well, the client's would make the core a sibling of it.
    Set<String> dropped = config.tracing() ? TRACE_CONTEXT : Set.of();
    ctx.request()
        .headers()
        .forEach(
            h -> {
              String name = h.getKey().toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !dropped.contains(name)) {
                headers.add(h.getKey(), h.getValue());
              }
            });
    // As a proxy does: the list so far, then the address this request came from.
    String peer = peer(ctx);
    if (peer != null) {
      List<String> prior = ctx.request().headers().getAll(FORWARDED_FOR);
      headers.set(FORWARDED_FOR, prior.isEmpty() ? peer : String.join(", ", prior) + ", " + peer);
    }
    headers.set("X-Forwarded-Proto", ctx.request().scheme());
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host != null) {
      headers.set("X-Forwarded-Host", host);
    }
    return headers;
  }

  private void relay(RoutingContext ctx, HttpClientResponse response, boolean stream) {
    if (ctx.response().closed()) {
      clientGone(ctx, response, stream);
      return;
    }
    ctx.response().setStatusCode(response.statusCode()).setStatusMessage(response.statusMessage());
    Set<String> named = connectionTokens(response.getHeader(HttpHeaders.CONNECTION));
    response
        .headers()
        .forEach(
            h -> {
              String name = h.getKey().toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(name)
                  && !named.contains(name)
                  && !name.equals("x-request-id")) {
                ctx.response().headers().add(h.getKey(), h.getValue());
              }
            });
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      ctx.response().setChunked(true);
    }
    if (stream) {
      ctx.response().closeHandler(v -> clientGone(ctx, response, true));
    }
    // A client that goes away from a bounded body fails the pipe's writes; the pipe then drains
    // the rest of the body, and the connection goes back to the pool.
    response.pipeTo(ctx.response());
  }

  /**
   * The client went away before its response was through. Never a reset on a pooled connection:
   * Vert.x closes the connection on a reset, and once the response has ended that connection may
   * already carry another client's request.
   */
  private static void clientGone(RoutingContext ctx, HttpClientResponse response, boolean stream) {
    LOG.debugf("request %s: the client went away", RequestIds.of(ctx.request()));
    response.exceptionHandler(e -> LOG.debugf("request %s: %s", RequestIds.of(ctx.request()), e));
    if (stream) {
      // The stream's own connection (Connection: close): closing it tells the core to stop.
      response.request().reset();
    } else {
      response.handler(null).resume();
    }
  }

  private void fail(RoutingContext ctx, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof CircuitBreakerOpenException) {
      long seconds = Math.max(1, (config.upstream().breakerDelay().toMillis() + 999) / 1000);
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      problems.send(
          ctx,
          503,
          "core-unavailable",
          "Core unavailable",
          "The core failed repeatedly; requests are paused for " + seconds + " s.");
    } else if (cause instanceof TimeoutException
        || cause.getClass().getSimpleName().contains("Timeout")) {
      problems.send(
          ctx,
          504,
          "core-timeout",
          "Core timeout",
          "The core did not answer within " + config.upstream().timeout().toMillis() + " ms.");
    } else {
      LOG.warnf(
          "request %s to the core failed: %s", RequestIds.of(ctx.request()), cause.toString());
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      problems.send(
          ctx, 503, "core-unavailable", "Core unavailable", "The core cannot be reached.");
    }
  }

  private static Set<String> connectionTokens(String connection) {
    if (connection == null || connection.isBlank()) {
      return Set.of();
    }
    return Set.copyOf(List.of(connection.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
  }
}
