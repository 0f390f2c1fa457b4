package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.IdentityProfile;
import io.jessy.api.PrometheusText;
import io.jessy.web.CallerSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway tells the core who is asking: the key's name, signed with GATEWAY_SECRET, in headers
 * no client can set; logs and metrics say the name, never the key.
 */
@QuarkusTest
@TestProfile(IdentityProfile.class)
class IdentityTest extends GatewayTest {

  private static final String PATH = "/api/v1/sessions/s-1";
  private static final CallerSignature CORE_SIDE =
      CallerSignature.of(Optional.of(IdentityProfile.SECRET), true).orElseThrow();

  @BeforeEach
  void coreAnswers() {
    core.register(get(urlPathEqualTo(PATH)).willReturn(okJson(CoreAnswers.SESSION)));
  }

  private LoggedRequest received() {
    List<LoggedRequest> requests = core.find(getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({IdentityProfile.ALICE_KEY + ", alice", IdentityProfile.BOB_KEY + ", bob"})
  void passesTheKeysNameSignedSoTheCoreCanVerifyIt(String key, String principal) {
    given().header("Authorization", "Bearer " + key).get(PATH).then().statusCode(200);

    LoggedRequest request = received();
    assertThat(request.getHeader(CallerSignature.PRINCIPAL)).isEqualTo(principal);
    assertThat(
            CORE_SIDE.verifies(
                principal,
                request.getHeader(CallerSignature.SIGNATURE),
                request.getHeader("X-Request-Id"),
                "GET",
                PATH,
                Instant.now().getEpochSecond()))
        .isTrue();
  }

  @Test
  void replacesIdentityHeadersAClientSendsByItsOwn() {
    String forged =
        CORE_SIDE.sign("bob", "req-forged", "GET", PATH, Instant.now().getEpochSecond());

    given()
        .header("Authorization", "Bearer " + IdentityProfile.ALICE_KEY)
        .header("X-Request-Id", "req-forged")
        .header(CallerSignature.PRINCIPAL, "bob")
        .header(CallerSignature.SIGNATURE, forged)
        .get(PATH)
        .then()
        .statusCode(200);

    LoggedRequest request = received();
    assertThat(request.getHeader(CallerSignature.PRINCIPAL)).isEqualTo("alice");
    assertThat(request.header(CallerSignature.PRINCIPAL).values()).hasSize(1);
    assertThat(request.header(CallerSignature.SIGNATURE).values())
        .hasSize(1)
        .doesNotContain(forged);
  }

  @Test
  void countsRequestsByTheKeysNameAndNeverShowsAKey() {
    given().header("Authorization", "Bearer " + IdentityProfile.BOB_KEY).get(PATH);
    given().header("Authorization", "Bearer wrong").get(PATH);

    PrometheusText metrics = PrometheusText.scrape();
    assertThat(metrics.value("jessy_gateway_requests_total", "principal=\"bob\"", "status=\"200\""))
        .hasValueSatisfying(count -> assertThat(count).isPositive());
    assertThat(
            metrics.value(
                "jessy_gateway_requests_total", "principal=\"unauthenticated\"", "status=\"401\""))
        .hasValueSatisfying(count -> assertThat(count).isPositive());
    assertThat(metrics.text())
        .doesNotContain(IdentityProfile.ALICE_KEY, IdentityProfile.BOB_KEY, "wrong");
  }
}
