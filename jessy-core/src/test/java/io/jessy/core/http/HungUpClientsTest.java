package io.jessy.core.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.web.HttpChurn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up, mid-body or with its request in flight, is nobody's failure: no 5xx in
 * the metrics, nothing logged above DEBUG, and the next client is answered as usual.
 */
@QuarkusTest
class HungUpClientsTest {

  private static final String QUERY = "{\"query\":\"I feel sad\"}";
  private static final Pattern SERVER_ERROR =
      Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"5\\d\\d\"");

  @TestHTTPResource("/")
  URL core;

  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureWarnings() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void aClientThatHangsUpMidBodyIsLoggedAtDebugAndNeverCountsAsA5xx() throws Exception {
    for (int i = 0; i < 10; i++) {
      try (Socket socket = new Socket(core.getHost(), core.getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"query\":\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(20); // the core is reading the body when the connection closes
      }
    }

    given().contentType(ContentType.JSON).body(QUERY).post("/api/v1/query").then().statusCode(200);
    assertNoServerErrorsAndNoWarnings();
  }

  @Test
  void loadRunsThatEndWithRequestsInFlightAreAnswered2xxAndLeaveNoWarnings() throws Exception {
    HttpChurn churn = new HttpChurn(URI.create("http://127.0.0.1:" + core.getPort()), Map.of());
    for (int run = 0; run < 3; run++) {
      HttpChurn.Run result =
          churn.postThenHangUp("/api/v1/query", QUERY, 8, Duration.ofMillis(500));
      assertThat(result.answered()).isPositive();
      assertThat(result.non2xx()).as("run %d: %s", run, result.statuses()).isZero();
    }
    assertThat(churn.openStreamsThenHangUp("/api/v1/query/stream?query=I%20feel%20sad", 8))
        .isEqualTo(8);

    assertNoServerErrorsAndNoWarnings();
  }

  private void assertNoServerErrorsAndNoWarnings() {
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertThat(SERVER_ERROR.matcher(metrics).find()).as("a 5xx series in\n%s", metrics).isFalse();
    assertThat(warnings)
        .as("warnings logged")
        .extracting(r -> r.getLoggerName() + ": " + r.getMessage())
        .filteredOn(m -> !m.contains("Flyway") && !m.contains("flywaydb"))
        .isEmpty();
  }
}
