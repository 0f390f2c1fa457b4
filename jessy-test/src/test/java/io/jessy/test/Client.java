package io.jessy.test;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.filter.Filter;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentest4j.TestAbortedException;

/**
 * The suite's HTTP client, one per scenario: builds requests to a {@link Target} and remembers the
 * last response for the steps that check it. Every request must be answered within {@link
 * #ANSWER_TIMEOUT_MS}: a service that hangs fails the step instead of the whole run.
 */
public class Client {

  static final int ANSWER_TIMEOUT_MS = 10_000;

  static final RestAssuredConfig CONFIG =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", ANSWER_TIMEOUT_MS)
                  .setParam("http.socket.timeout", ANSWER_TIMEOUT_MS))
          .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8"))
          .jsonConfig(
              JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE))
          .sslConfig(
              TrustedCa.store()
                  .map(ca -> SSLConfig.sslConfig().trustStore(ca))
                  .orElseGet(SSLConfig::sslConfig));

  private static long nextGatewayRequest = System.nanoTime();

  /**
   * Spaces the suite's own requests to the gateway at 80 % of its per-client rate limit, so that
   * only the rate-limit scenario, with its own key, meets a 429.
   */
  private static final Filter PACED =
      (request, response, context) -> {
        pace();
        return context.next(request, response);
      };

  private final List<Response> responses = new ArrayList<>();

  /** A request to the target, with the first API key when the gateway has keys. */
  RequestSpecification to(Target target) {
    RequestSpecification request = withoutKey(target);
    List<String> keys = Stack.get().apiKeys();
    if (target == Target.GATEWAY && !keys.isEmpty()) {
      request.header("Authorization", "Bearer " + keys.get(0));
    }
    return request;
  }

  /**
   * A request to the target with no Authorization header. Paths are sent exactly as written; the
   * exchange must conform to the API contract ({@link Contract}).
   */
  RequestSpecification withoutKey(Target target) {
    RequestSpecification request =
        given()
            .config(CONFIG)
            .baseUri(baseUri(target).toString())
            .urlEncodingEnabled(false)
            .filter(Contract.filter(target));
    return target == Target.GATEWAY ? request.filter(PACED) : request;
  }

  /** The target's base URL; a scenario that needs a target the suite was not given is skipped. */
  static URI baseUri(Target target) {
    Stack stack = Stack.get();
    return (target == Target.CORE ? stack.core() : stack.api())
        .orElseThrow(
            () ->
                new TestAbortedException(
                    (target == Target.CORE ? "JESSY_CORE_URL" : "JESSY_API_URL")
                        + " is not set, so the "
                        + target.name().toLowerCase(Locale.ROOT)
                        + " is not tested"));
  }

  Response remember(Response response) {
    responses.add(response);
    return response;
  }

  Response last() {
    return earlier(0);
  }

  /** The response {@code back} places before the last one (0 is the last). */
  Response earlier(int back) {
    if (responses.size() <= back) {
      throw new IllegalStateException(
          "this scenario has sent " + responses.size() + " requests, not " + (back + 1));
    }
    return responses.get(responses.size() - 1 - back);
  }

  private static void pace() {
    pace(1);
  }

  /**
   * Waits until {@code requests} requests to the gateway fit in the suite's pace, for a step that
   * sends them all at once outside this client (fewer than the gateway's burst).
   */
  static void pace(int requests) {
    long spacing = (long) (1e9 / (0.8 * Stack.get().apiRps()));
    long wait;
    synchronized (Client.class) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextGatewayRequest);
      nextGatewayRequest = slot + spacing * requests;
      wait = slot + spacing * (requests - 1) - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
