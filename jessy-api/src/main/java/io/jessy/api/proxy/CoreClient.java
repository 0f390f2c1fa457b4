package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/**
 * The pooled HTTP clients to the core: one for the health probe, and one per event loop for the
 * proxy.
 */
@ApplicationScoped
public class CoreClient {

  /**
   * How long an idle connection stays in the pool. Shorter than the core's idle timeout ({@code
   * quarkus.http.idle-timeout=60s} in jessy-core), so the gateway gives a connection up before the
   * core closes it and never sends a request into a connection the core is closing.
   */
  static final int KEEP_ALIVE_SECONDS = 30;

  private final GatewayConfig config;
  private final Vertx vertx;

  /**
   * A client's connections are opened on the event loop that asks for them, but one shared pool
   * hands them to any loop, and then every read and write of an exchange hops between two threads.
   * A pool per loop keeps each exchange on the thread that took the client's request.
   */
  private final ThreadLocal<HttpClient> perLoop = ThreadLocal.withInitial(this::create);

  public CoreClient(GatewayConfig config, Vertx vertx) {
    GatewayConfig.check(config);
    this.config = config;
    this.vertx = vertx;
  }

  @Produces
  @Singleton
  HttpClient coreClient() {
    return create();
  }

  /** The client whose connections live on the calling event loop. */
  public HttpClient onThisLoop() {
    return perLoop.get();
  }

  private HttpClient create() {
    URI core = config.coreUrl();
    boolean tls = "https".equalsIgnoreCase(core.getScheme());
    Duration keepAlive = config.upstream().keepAlive();
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost(core.getHost())
            .setDefaultPort(core.getPort() > 0 ? core.getPort() : tls ? 443 : 80)
            .setSsl(tls)
            .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
            .setKeepAlive(true)
            // Idle connections go before the core would close them (UPSTREAM_KEEP_ALIVE < 60 s).
            .setKeepAliveTimeout((int) keepAlive.toSeconds()),
        new PoolOptions()
            .setHttp1MaxSize(128)
            // Expired connections are dropped by this sweep, not on checkout: keep it a small
            // part of the keep-alive, so a connection never idles far past it.
            .setCleanerPeriod((int) Math.min(1000, keepAlive.toMillis() / 4)));
  }
}
