package io.jessy.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A PostgreSQL location from a variable such as the core's {@code DATABASE_URL} or the gateway's
 * {@code RATE_LIMIT_DATABASE_URL}, in either accepted form: the design document's {@code
 * postgres://user:password@host:5432/db} (also {@code postgresql://}), or a JDBC URL {@code
 * jdbc:postgresql://host:5432/db?...}. Credentials are lifted out of either form into {@code user}
 * and {@code password}, so the JDBC URL that drivers and Flyway log never carries them.
 *
 * @param jdbcUrl what the driver connects to, without credentials
 * @param location the same place without credentials or parameters, for logs and {@code /status}
 */
public record DatabaseUrl(
    String jdbcUrl, Optional<String> user, Optional<String> password, String location) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  /**
   * @param variable the environment variable the value came from, for the error message
   * @throws IllegalArgumentException naming {@code variable}; the message never repeats the value,
   *     which may contain a password
   */
  public static DatabaseUrl parse(String variable, String value) {
    String url = value.strip();
    if (url.startsWith(JDBC_PREFIX)) {
      return fromJdbc(url);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(variable, "it is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
      throw invalid(variable, "its scheme is \"" + scheme + "\"");
    }
    if (uri.getHost() == null) {
      throw invalid(variable, "it names no host");
    }
    String database = Optional.ofNullable(uri.getRawPath()).orElse("").replaceFirst("^/", "");
    if (database.isEmpty() || database.contains("/")) {
      throw invalid(variable, "it names no database (the path after the host)");
    }
    String hostPort = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432);
    String jdbc =
        JDBC_PREFIX
            + "//"
            + hostPort
            + "/"
            + database
            + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
    }
    return new DatabaseUrl(jdbc, user, password, "postgresql://" + hostPort + "/" + database);
  }

  /** Keeps every parameter but {@code user} and {@code password}, which it returns separately. */
  private static DatabaseUrl fromJdbc(String url) {
    int question = url.indexOf('?');
    String base = question < 0 ? url : url.substring(0, question);
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
    if (question >= 0) {
      for (String parameter : url.substring(question + 1).split("&")) {
        String name = parameter.split("=", 2)[0];
        String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
        switch (name) {
          case "user" -> user = Optional.of(value);
          case "password" -> password = Optional.of(value);
          default -> kept.add(parameter);
        }
      }
    }
    return new DatabaseUrl(base + kept, user, password, base.substring("jdbc:".length()));
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String variable, String why) {
    return new IllegalArgumentException(
        variable
            + " must look like postgres://user:password@host:5432/database or"
            + " jdbc:postgresql://host:5432/database, but "
            + why);
  }

  @Override
  public String toString() {
    return location;
  }
}
