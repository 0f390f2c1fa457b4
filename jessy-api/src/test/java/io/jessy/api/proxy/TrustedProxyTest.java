package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jessy.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.TrustedProxyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behind a trusted proxy the rate-limit client is the X-Forwarded-For address, not the proxy. */
@QuarkusTest
@TestProfile(TrustedProxyProfile.class)
class TrustedProxyTest extends GatewayTest {

  @BeforeEach
  void coreAnswers() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));
  }

  private static int status(String forwardedFor) {
    return given().header("X-Forwarded-For", forwardedFor).get("/api/v1/dimensions").statusCode();
  }

  @Test
  void givesEachForwardedClientItsOwnBucket() {
    for (int i = 0; i < TrustedProxyProfile.BURST; i++) {
      assertThat(status("198.51.100.1")).isEqualTo(200);
    }

    assertProblem(
        given().header("X-Forwarded-For", "198.51.100.1").get("/api/v1/dimensions"),
        429,
        "rate-limited");
    assertThat(status("198.51.100.2")).as("another client behind the same proxy").isEqualTo(200);
  }

  /**
   * What a client sends through nginx ({@code $proxy_add_x_forwarded_for}): its own made-up
   * X-Forwarded-For, then the address nginx saw. A new made-up value every time is still one client
   * with one bucket.
   */
  @Test
  void givesAClientThatRotatesItsOwnForwardedForNoFreshBucket() {
    for (int i = 0; i < TrustedProxyProfile.BURST; i++) {
      assertThat(status("10.9.9." + i + ", 198.51.100.3")).isEqualTo(200);
    }

    assertProblem(
        given().header("X-Forwarded-For", "10.9.9.77, 198.51.100.3").get("/api/v1/dimensions"),
        429,
        "rate-limited");
    assertThat(status("10.9.9.78, 198.51.100.4")).as("the next real client").isEqualTo(200);
  }

  @Test
  void appendsTheProxyItselfToXForwardedForNotTheClientAgain() {
    given().header("X-Forwarded-For", "198.51.100.7").get("/api/v1/dimensions");

    List<LoggedRequest> received = core.find(getRequestedFor(urlEqualTo("/api/v1/dimensions")));
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getHeader("X-Forwarded-For"))
        .matches("198\\.51\\.100\\.7, (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)");
  }
}
