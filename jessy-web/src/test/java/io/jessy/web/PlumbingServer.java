package io.jessy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.vertx.http.runtime.filters.Filter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A real Vert.x server on 127.0.0.1 (random port) with jessy-web's handlers wired the way Quarkus
 * wires them in a service: the {@link Filters} observers' handlers become routes ordered by {@code
 * -priority} (as {@code VertxHttpRecorder} does), then the {@link Router} observers run, then the
 * application's own routes. The JSON mapper is the services' ({@code
 * quarkus.jackson.property-naming-strategy=SNAKE_CASE}).
 */
final class PlumbingServer implements AutoCloseable {

  static final ObjectMapper SERVICE_JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  final RouteProblems problems;
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final HttpClient client;

  PlumbingServer(Consumer<Router> routes) {
    this(new RouteProblems(SERVICE_JSON), routes);
  }

  PlumbingServer(RouteProblems problems, Consumer<Router> routes) {
    this.problems = problems;
    Router router = Router.router(vertx);
    Filters filters = new Filters();
    new RequestIds().install(filters);
    BodyLimit limit = new BodyLimit(problems);
    limit.install(filters);
    for (Filter filter : filters.getFilters()) {
      router.route().order(-filter.getPriority()).handler(filter.getHandler());
    }
    limit.renderFailures(router);
    routes.accept(router);
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort())
                .setKeepAlive(false));
  }

  /** A complete request: {@code body} is sent with its Content-Length (none when null). */
  Reply send(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    return exchange(
        method, uri, headers, request -> body == null ? request.send() : request.send(body));
  }

  /**
   * Sends only the head of a request announcing {@code contentLength} bytes; the body never comes,
   * so an answer proves the server decided without reading it.
   */
  Reply sendHeadOnly(String uri, Map<String, String> headers, long contentLength) {
    return exchange(
        HttpMethod.POST,
        uri,
        headers,
        request -> {
          request.putHeader("Content-Length", Long.toString(contentLength));
          request.sendHead();
          return request.response();
        });
  }

  /** Sends {@code size} bytes with {@code Transfer-Encoding: chunked}, 4 KiB per chunk. */
  Reply sendChunked(String uri, Map<String, String> headers, int size) {
    return exchange(
        HttpMethod.POST,
        uri,
        headers,
        request -> {
          request.setChunked(true);
          request.exceptionHandler(e -> {}); // the server may close before the last chunk
          for (int sent = 0; sent < size; sent += 4096) {
            request.write(Buffer.buffer(new byte[Math.min(4096, size - sent)]));
          }
          request.end();
          return request.response();
        });
  }

  private Reply exchange(
      HttpMethod method,
      String uri,
      Map<String, String> headers,
      Function<HttpClientRequest, Future<HttpClientResponse>> send) {
    // Built on the event loop: a response that ended before body() was asked for from the test
    // thread would have lost its body.
    Promise<Reply> reply = Promise.promise();
    vertx.runOnContext(
        v ->
            client
                .request(method, uri)
                .compose(
                    request -> {
                      headers.forEach(request::putHeader);
                      return send.apply(request);
                    })
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                body ->
                                    new Reply(
                                        response.statusCode(),
                                        response.headers(),
                                        body.toString())))
                .onComplete(reply));
    return await(reply.future());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer from the test server", e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  record Reply(int status, MultiMap headers, String body) {

    String header(String name) {
      return headers.get(name);
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }
}
