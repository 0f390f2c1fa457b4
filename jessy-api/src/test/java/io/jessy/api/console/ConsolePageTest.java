package io.jessy.api.console;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's files as the gateway serves them: without a key, never from the core, with a
 * Content-Security-Policy that allows no inline script, which the page must then not need. The
 * console's behaviour is tested in a real browser (jessy-test, console.feature).
 */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class ConsolePageTest extends GatewayTest {

  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
  private static final Pattern EVENT_HANDLER_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=");

  @Test
  void servesThePageAtTheRootWithAStrictContentSecurityPolicy() {
    Response response = given().get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/html");
    assertThat(response.header("Content-Security-Policy"))
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .contains("frame-ancestors 'none'", "base-uri 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    core.verifyThat(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void thePageNeedsNoInlineScriptAndLoadsNothingFromAnotherHost() {
    String page = given().get("/").asString();

    assertThat(INLINE_SCRIPT.matcher(page).find()).as("an inline <script>").isFalse();
    assertThat(EVENT_HANDLER_ATTRIBUTE.matcher(page).find()).as("an on…= attribute").isFalse();
    assertThat(page).doesNotContain("style=", "http://", "https://", "//cdn");
    assertThat(page)
        .contains("<script type=\"module\" src=\"/console/console.js\">")
        .contains("data-testid=\"query-input\"", "data-testid=\"submit\"")
        .contains("data-testid=\"answer\"", "data-testid=\"error\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"console.js", "api.js", "render.js", "sse.js"})
  void servesTheScriptsAsJavaScriptUnderTheSamePolicy(String script) {
    Response response = given().get("/console/" + script);

    assertThat(response.statusCode()).isEqualTo(200);
    // Module scripts with nosniff run only with a JavaScript MIME type.
    assertThat(response.contentType()).startsWith("text/javascript");
    assertThat(response.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(response.asString())
        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(");
  }

  @Test
  void theApiKeepsItsOwnHeadersAndGetsNoSniffingToo() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    Response response = given().get("/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.headers().getValues("X-Content-Type-Options")).hasSize(1);
  }
}
