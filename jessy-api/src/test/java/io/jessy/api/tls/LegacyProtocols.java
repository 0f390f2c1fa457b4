package io.jessy.api.tls;

import static java.util.stream.Collectors.joining;

import java.security.Security;
import java.util.Arrays;
import java.util.Set;

/**
 * Takes TLS 1.0 and 1.1 off this JVM's {@code jdk.tls.disabledAlgorithms}, where the JDK puts them
 * by default. Otherwise a test client could not even offer them, and the gateway (same JVM, same
 * JSSE) would refuse them whatever its own configuration says: a test of that refusal could not
 * fail. JSSE keeps some of what it read from the property once TLS is set up in the JVM, so this
 * may come too late after other tests; a {@link ControlServer} lets a test notice.
 */
final class LegacyProtocols {

  static final String PROPERTY = "jdk.tls.disabledAlgorithms";
  private static final Set<String> LEGACY = Set.of("TLSv1", "TLSv1.1");

  private LegacyProtocols() {}

  static void allowInThisJvm() {
    String disabled = Security.getProperty(PROPERTY);
    if (disabled != null) {
      Security.setProperty(
          PROPERTY,
          Arrays.stream(disabled.split(","))
              .map(String::strip)
              .filter(algorithm -> !LEGACY.contains(algorithm))
              .collect(joining(", ")));
    }
  }
}
