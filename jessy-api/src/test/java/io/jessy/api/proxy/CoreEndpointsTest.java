package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.FixedGatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CoreEndpoints}: each request to the next replica, and a replica that refused passed over.
 */
class CoreEndpointsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private CoreEndpoints endpoints(String... ips) throws Exception {
    CoreEndpoints endpoints =
        new CoreEndpoints(
            FixedGatewayConfig.defaults().withCoreUrl("http://tasks.jessy-core:8080"), vertx);
    InetAddress[] found = new InetAddress[ips.length];
    for (int i = 0; i < ips.length; i++) {
      found[i] = InetAddress.getByName(ips[i]);
    }
    endpoints.use(found);
    return endpoints;
  }

  private static List<String> hosts(CoreEndpoints endpoints, int n) {
    List<String> hosts = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> hosts.add(endpoints.next().host()));
    return hosts;
  }

  @Test
  void takesEveryReplicaInTurn() throws Exception {
    CoreEndpoints endpoints = endpoints("10.0.0.3", "10.0.0.1", "10.0.0.2");

    assertThat(endpoints.all())
        .extracting(SocketAddress::host, SocketAddress::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.0.0.1", 8080),
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", 8080),
            org.assertj.core.groups.Tuple.tuple("10.0.0.3", 8080));
    assertThat(hosts(endpoints, 300))
        .containsOnly("10.0.0.1", "10.0.0.2", "10.0.0.3")
        .filteredOn("10.0.0.2"::equals)
        .hasSize(100);
  }

  @Test
  void passesOverAReplicaThatRefused() throws Exception {
    CoreEndpoints endpoints = endpoints("10.0.0.1", "10.0.0.2");
    endpoints.refused(SocketAddress.inetSocketAddress(8080, "10.0.0.1"));

    assertThat(hosts(endpoints, 10)).containsOnly("10.0.0.2");
  }

  @Test
  void triesAnywayWhenEveryReplicaRefused() throws Exception {
    CoreEndpoints endpoints = endpoints("10.0.0.1", "10.0.0.2");
    endpoints.all().forEach(endpoints::refused);

    assertThat(hosts(endpoints, 4)).containsOnly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void takesTheIpv4AddressesOfANameThatHasBoth() throws Exception {
    CoreEndpoints endpoints = endpoints("::1", "127.0.0.1");

    assertThat(hosts(endpoints, 4)).containsOnly("127.0.0.1");
    assertThat(endpoints.host()).isEqualTo("tasks.jessy-core");
    assertThat(endpoints.port()).isEqualTo(8080);
  }

  @Test
  void followsTheReplicasDnsNames() throws Exception {
    CoreEndpoints endpoints = endpoints("10.0.0.1", "10.0.0.2", "10.0.0.3");
    endpoints.refused(SocketAddress.inetSocketAddress(8080, "10.0.0.3"));

    endpoints.use(new InetAddress[] {InetAddress.getByName("10.0.0.4")});

    assertThat(hosts(endpoints, 3)).containsOnly("10.0.0.4");
  }
}
