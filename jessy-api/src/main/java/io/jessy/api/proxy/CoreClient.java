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

/** The one pooled HTTP client to the core, shared by the proxy and the health probe. */
@ApplicationScoped
public class CoreClient {

  @Produces
  @Singleton
  HttpClient coreClient(GatewayConfig config, Vertx vertx) {
    GatewayConfig.check(config);
    URI core = config.coreUrl();
    boolean tls = "https".equalsIgnoreCase(core.getScheme());
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost(core.getHost())
            .setDefaultPort(core.getPort() > 0 ? core.getPort() : tls ? 443 : 80)
            .setSsl(tls)
            .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(128));
  }
}
