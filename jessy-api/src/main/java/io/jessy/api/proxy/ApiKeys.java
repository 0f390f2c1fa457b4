package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The optional API keys of {@code API_KEYS}. Keys are kept only as SHA-256 digests and compared in
 * constant time against every configured key, so neither timing nor logs reveal them.
 */
@ApplicationScoped
public class ApiKeys {

  private static final String BEARER = "Bearer ";

  private final List<byte[]> digests;

  public ApiKeys(GatewayConfig config) {
    this.digests =
        config.apiKeys().orElse(List.of()).stream()
            .map(String::strip)
            .filter(key -> !key.isEmpty())
            .map(ApiKeys::digest)
            .toList();
  }

  public boolean required() {
    return !digests.isEmpty();
  }

  /**
   * The client a valid {@code Authorization: Bearer <key>} header identifies, e.g. {@code key-2}
   * (never the key itself); empty when the header is missing or the key unknown.
   */
  public Optional<String> client(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).strip());
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), presented) && match < 0) {
        match = i;
      }
    }
    return match < 0 ? Optional.empty() : Optional.of("key-" + (match + 1));
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
