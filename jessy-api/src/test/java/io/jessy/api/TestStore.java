package io.jessy.api;

import io.jessy.web.DatabaseUrl;
import io.jessy.web.TcpProxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL the rate-limit store tests use: the one named by {@code JESSY_TEST_DATABASE_URL}
 * ({@code .ci/run} starts one; locally the tests that need it are skipped without it), reached
 * directly or through a {@link TcpProxy} a test can cut.
 */
public final class TestStore {

  public static final String VARIABLE = "JESSY_TEST_DATABASE_URL";

  private TestStore() {}

  public static Optional<String> url() {
    return Optional.ofNullable(System.getenv(VARIABLE)).filter(url -> !url.isBlank());
  }

  private static DatabaseUrl parsed() {
    return DatabaseUrl.parse(VARIABLE, url().orElseThrow());
  }

  /** A proxy to the test database, or to {@code fallback} ({@code host:port}) without one. */
  public static TcpProxy proxy(String fallback) {
    String hostPort =
        url().isPresent()
            ? parsed().location().replaceFirst("^postgresql://([^/]+)/.*$", "$1")
            : fallback;
    int colon = hostPort.lastIndexOf(':');
    return new TcpProxy(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /**
   * A JDBC URL, credentials included, to the test database through {@code proxy} (without a test
   * database, to a database of that name that nothing serves).
   */
  public static String throughProxy(TcpProxy proxy) {
    if (url().isEmpty()) {
      return "postgres://jessy:not-a-secret@127.0.0.1:" + proxy.port() + "/jessy";
    }
    DatabaseUrl url = parsed();
    String jdbc = url.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    StringBuilder withCredentials = new StringBuilder(jdbc);
    String separator = jdbc.contains("?") ? "&" : "?";
    for (Optional<String> credential :
        List.of(
            url.user().map(user -> "user=" + encode(user)),
            url.password().map(password -> "password=" + encode(password)))) {
      if (credential.isPresent()) {
        withCredentials.append(separator).append(credential.get());
        separator = "&";
      }
    }
    return withCredentials.toString();
  }

  public static Connection connect() throws SQLException {
    DatabaseUrl url = parsed();
    return DriverManager.getConnection(
        url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
