package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.CallerSignature;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API keys of {@code API_KEYS}, each with the name that logs, metrics and the core see instead
 * of the key. Entries are comma-separated:
 *
 * <ul>
 *   <li>{@code alice:<key>}: the key, named {@code alice};
 *   <li>{@code alice:sha256:<64 hex digits>}: the key given by its SHA-256 digest, so that the
 *       deployment never holds the key itself ({@code printf %s "$key" | sha256sum});
 *   <li>{@code <key>} or {@code sha256:<hex>}: unnamed, named {@code key-<n>} by its position.
 * </ul>
 *
 * Only digests are kept, and a presented key is compared in constant time against every one, so
 * neither timing nor logs reveal a key.
 */
// Created at start-up, so a bad setting stops the gateway before it takes traffic.
@Startup
@ApplicationScoped
public class ApiKeys {

  private static final String BEARER = "Bearer ";
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9_.-]{1,64}):(.+)");
  private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-fA-F]{64})");

  private record Key(String name, byte[] digest) {}

  private final List<Key> keys;

  public ApiKeys(GatewayConfig config) {
    this.keys = parse(config.apiKeys().orElse(List.of()));
  }

  /**
   * @throws IllegalArgumentException naming API_KEYS and the entry's position, never its key
   */
  private static List<Key> parse(List<String> entries) {
    List<Key> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int position = keys.size() + 1;
      Matcher named = NAMED.matcher(entry);
      boolean hasName = named.matches() && !named.group(1).equals("sha256");
      String name = hasName ? named.group(1) : "key-" + position;
      String key = hasName ? named.group(2) : entry;
      if (name.equals(CallerSignature.ANONYMOUS)) {
        throw new IllegalArgumentException(
            "API_KEYS entry "
                + position
                + " is named \""
                + CallerSignature.ANONYMOUS
                + "\", the principal of callers without a key; choose another name");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "API_KEYS entry " + position + " repeats the name \"" + name + "\"");
      }
      Matcher digest = DIGEST.matcher(key);
      if (key.startsWith("sha256:") && !digest.matches()) {
        throw new IllegalArgumentException(
            "API_KEYS entry "
                + position
                + " ("
                + name
                + ") must be sha256: followed by 64 hex digits");
      }
      keys.add(
          new Key(name, digest.matches() ? HexFormat.of().parseHex(digest.group(1)) : sha256(key)));
    }
    return List.copyOf(keys);
  }

  public boolean required() {
    return !keys.isEmpty();
  }

  /**
   * The name of the key a valid {@code Authorization: Bearer <key>} header presents, e.g. {@code
   * alice}; empty when the header is missing or the key unknown.
   */
  public Optional<String> principal(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
    String match = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(key.digest(), presented) && match == null) {
        match = key.name();
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
