package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Every address of the core, and which one the next request goes to. The core's host name is looked
 * up again every {@link #RESOLVE_PERIOD_MS}, and each request goes to the next address in turn:
 * with one address per replica (Swarm's {@code tasks.<service>} or {@code dnsrr}, a Kubernetes
 * headless Service) the replicas share the load, a new one gets requests within a second of
 * appearing in DNS, and one that left stops getting them. A single address, or an IP literal, is
 * the same code with one entry.
 *
 * <p>An address that refused a connection is passed over for {@link #PASSED_OVER_MS}, so a replica
 * that died is not tried by every request until DNS forgets it. The lookups use the JVM's resolver
 * (which reads {@code /etc/hosts} too); its cache keeps answers for 30 s unless {@code
 * sun.net.inetaddr.ttl} says otherwise, which the images' {@code docker/jvm.options} set to 1 s.
 */
@ApplicationScoped
public class CoreEndpoints {

  private static final Logger LOG = Logger.getLogger(CoreEndpoints.class);

  static final long RESOLVE_PERIOD_MS = 1000;
  static final long PASSED_OVER_MS = 5000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final AtomicInteger turn = new AtomicInteger();
  private final AtomicBoolean looking = new AtomicBoolean();
  private final Map<SocketAddress, Long> refusedAt = new ConcurrentHashMap<>();
  private volatile List<SocketAddress> addresses;
  private long timer = -1;

  public CoreEndpoints(GatewayConfig config, Vertx vertx) {
    this.vertx = vertx;
    URI core = config.coreUrl();
    this.host = core.getHost();
    boolean tls = "https".equalsIgnoreCase(core.getScheme());
    this.port = core.getPort() > 0 ? core.getPort() : tls ? 443 : 80;
    // Until the first lookup answers: the name itself, which the client resolves on connect.
    this.addresses = List.of(SocketAddress.inetSocketAddress(port, host));
  }

  void start(@Observes StartupEvent event) {
    if (isLiteral(host)) {
      addresses = List.of(SocketAddress.inetSocketAddress(port, host));
      return;
    }
    resolve();
    timer = vertx.setPeriodic(RESOLVE_PERIOD_MS, id -> resolve());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The core's host name: the Host header (and TLS server name) of every request. */
  public String host() {
    return host;
  }

  /** The core's port. */
  public int port() {
    return port;
  }

  /** The address for the next request: the next one in turn that has not refused lately. */
  public SocketAddress next() {
    List<SocketAddress> all = addresses;
    int start = Math.floorMod(turn.getAndIncrement(), all.size());
    long now = System.nanoTime();
    for (int i = 0; i < all.size(); i++) {
      SocketAddress candidate = all.get((start + i) % all.size());
      Long refused = refusedAt.get(candidate);
      if (refused == null || now - refused > PASSED_OVER_MS * 1_000_000) {
        return candidate;
      }
    }
    return all.get(start); // every one refused lately: try anyway, in turn
  }

  /** The address refused a connection (or did not accept one in time): pass over it for a while. */
  public void refused(SocketAddress address) {
    refusedAt.put(address, System.nanoTime());
  }

  /** The addresses in use now. */
  public List<SocketAddress> all() {
    return addresses;
  }

  private void resolve() {
    if (!looking.compareAndSet(false, true)) {
      return; // the last lookup is still out (a slow resolver): no pile of them
    }
    vertx
        .executeBlocking(() -> InetAddress.getAllByName(host), false)
        .onComplete(done -> looking.set(false))
        .onSuccess(this::use)
        .onFailure(
            e ->
                // Keep the last answer: a resolver that fails for a moment is no reason to stop.
                LOG.debugf("looking up %s failed (%s); keeping %s", host, e, addresses));
  }

  void use(InetAddress[] found) {
    // IPv4 when there is any: a name may carry both (localhost), and the core listens on 0.0.0.0.
    boolean v4 = Arrays.stream(found).anyMatch(a -> a instanceof Inet4Address);
    List<SocketAddress> fresh =
        Arrays.stream(found)
            .filter(a -> !v4 || a instanceof Inet4Address)
            .map(a -> SocketAddress.inetSocketAddress(port, a.getHostAddress()))
            .sorted((a, b) -> a.host().compareTo(b.host()))
            .toList();
    if (!fresh.isEmpty() && !fresh.equals(addresses)) {
      LOG.infof("the core (%s) is at %d address(es): %s", host, fresh.size(), fresh);
      addresses = fresh;
      refusedAt.keySet().retainAll(fresh);
    }
  }

  private static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true; // IPv6
    }
    try {
      return host.chars().allMatch(c -> c == '.' || Character.isDigit(c))
          && InetAddress.getByName(host) != null;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
