package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.IdleClosingCoreProfile;
import io.jessy.web.HttpChurn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A core that closes idle connections, and bursts that arrive just as it does: the gateway has let
 * those connections go already ({@code UPSTREAM_KEEP_ALIVE} below the core's idle timeout), so no
 * request is sent into a connection the core is closing.
 */
@QuarkusTest
@TestProfile(IdleClosingCoreProfile.class)
class IdleConnectionsTest extends GatewayTest {

  @TestHTTPResource("/")
  URL gateway;

  @Test
  void burstsAfterIdleGapsAroundTheCoresIdleTimeoutAreAllAnswered() throws Exception {
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY)));
    HttpChurn churn = new HttpChurn(URI.create("http://127.0.0.1:" + gateway.getPort()), Map.of());
    long idle = IdleClosingCoreProfile.CORE_IDLE_MS;

    for (long gap : new long[] {idle - 40, idle, idle + 15, idle - 10, idle + 30, idle + 5}) {
      HttpChurn.Run burst =
          churn.postThenHangUp("/api/v1/query", "{\"query\":\"hi\"}", 16, Duration.ofMillis(200));
      assertThat(burst.non2xx()).as("after a %d ms gap: %s", gap, burst.statuses()).isZero();
      Thread.sleep(gap);
    }
  }
}
