package io.jessy.web.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The JDK's HTTP client, holding every exchange through it to an {@link ApiContract}: for code that
 * only takes a client (or its builder), such as a generated API client. Each response is read
 * whole, checked, then handed to the caller's body handler as if it had just arrived, so it suits
 * request/response exchanges, not streams read while they arrive.
 */
public final class CheckedHttpClient extends HttpClient {

  private final HttpClient client;
  private final ApiContract contract;

  private CheckedHttpClient(HttpClient client, ApiContract contract) {
    this.client = client;
    this.contract = contract;
  }

  /** A builder like {@code builder} whose clients check every exchange against {@code contract}. */
  public static HttpClient.Builder builder(HttpClient.Builder builder, ApiContract contract) {
    return new Builder(builder, contract);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return checked(request, client.send(request, HttpResponse.BodyHandlers.ofByteArray()), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> checked(request, response, handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushes) {
    return sendAsync(request, handler);
  }

  private <T> HttpResponse<T> checked(
      HttpRequest request, HttpResponse<byte[]> response, HttpResponse.BodyHandler<T> handler) {
    contract.check(
        new Exchange(
            request.method(),
            request.uri(),
            request.headers().map(),
            sent(request),
            response.statusCode(),
            response.headers().map(),
            response.body()));
    return new Replayed<>(response, replay(response, handler));
  }

  /** The request's body, read from its publisher (which may be read again; the JDK's may). */
  private static byte[] sent(HttpRequest request) {
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
      return new byte[0];
    }
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    publisher
        .get()
        .subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
              }

              @Override
              public void onError(Throwable error) {
                body.completeExceptionally(error);
              }

              @Override
              public void onComplete() {
                body.complete(bytes.toByteArray());
              }
            });
    return await(body.toCompletableFuture());
  }

  /** What {@code handler} makes of the body already read. */
  private static <T> T replay(HttpResponse<byte[]> response, HttpResponse.BodyHandler<T> handler) {
    HttpResponse.BodySubscriber<T> subscriber =
        handler.apply(
            new HttpResponse.ResponseInfo() {
              @Override
              public int statusCode() {
                return response.statusCode();
              }

              @Override
              public HttpHeaders headers() {
                return response.headers();
              }

              @Override
              public HttpClient.Version version() {
                return response.version();
              }
            });
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onNext(List.of(ByteBuffer.wrap(response.body())));
    subscriber.onComplete();
    return await(subscriber.getBody().toCompletableFuture());
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return client.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return client.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return client.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return client.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return client.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return client.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return client.authenticator();
  }

  @Override
  public Version version() {
    return client.version();
  }

  @Override
  public Optional<Executor> executor() {
    return client.executor();
  }

  /** A response whose body was read (and checked) before the caller's handler saw it. */
  private record Replayed<T>(HttpResponse<byte[]> response, T body) implements HttpResponse<T> {

    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public Version version() {
      return response.version();
    }
  }

  /** Builds the real client, then wraps it. */
  private record Builder(HttpClient.Builder builder, ApiContract contract)
      implements HttpClient.Builder {

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler handler) {
      builder.cookieHandler(handler);
      return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      builder.connectTimeout(duration);
      return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext context) {
      builder.sslContext(context);
      return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters parameters) {
      builder.sslParameters(parameters);
      return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public HttpClient.Builder followRedirects(Redirect policy) {
      builder.followRedirects(policy);
      return this;
    }

    @Override
    public HttpClient.Builder version(Version version) {
      builder.version(version);
      return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      builder.priority(priority);
      return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector selector) {
      builder.proxy(selector);
      return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      builder.authenticator(authenticator);
      return this;
    }

    @Override
    public HttpClient build() {
      return new CheckedHttpClient(builder.build(), contract);
    }
  }
}
