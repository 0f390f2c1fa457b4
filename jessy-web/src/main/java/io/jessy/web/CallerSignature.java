package io.jessy.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the gateway tells the core who is asking. The gateway sends the principal in {@value
 * #PRINCIPAL} and, in {@value #SIGNATURE}, an HMAC-SHA256 with the shared {@code GATEWAY_SECRET}
 * over the principal, the request id, the method, the request URI and the time ({@code t=<epoch
 * seconds>,v1=<hex>}). The core believes the principal only when the signature verifies and is at
 * most {@link #MAX_AGE} old; anything else is {@value #ANONYMOUS}. Binding the request id, method
 * and URI means an overheard header pair cannot be reused for another request.
 */
public final class CallerSignature {

  public static final String PRINCIPAL = "X-Jessy-Principal";
  public static final String SIGNATURE = "X-Jessy-Signature";

  /** The principal of a caller without a (verified) identity: a principal of its own. */
  public static final String ANONYMOUS = "anonymous";

  /** How far the signature's time may be from the verifier's clock, either way. */
  public static final Duration MAX_AGE = Duration.ofSeconds(60);

  /** Shorter secrets are refused: HMAC-SHA256 wants at least 256 bits of key. */
  public static final int MIN_SECRET_LENGTH = 32;

  /** The names a principal may have: an API key's name, or {@value #ANONYMOUS}. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private static final Pattern VALUE = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");
  private static final String ALGORITHM = "HmacSHA256";

  /** One keyed Mac per thread: a Mac is not thread-safe, and making one per request is costly. */
  private final ThreadLocal<Mac> macs;

  private CallerSignature(String secret) {
    SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
              } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("every JVM has " + ALGORITHM, e);
              }
            });
  }

  /**
   * The signer/verifier for {@code GATEWAY_SECRET}; empty when it is not set, which production
   * refuses.
   *
   * @throws IllegalArgumentException naming GATEWAY_SECRET when it is missing in production or too
   *     short
   */
  public static Optional<CallerSignature> of(Optional<String> secret, boolean production) {
    String value = secret.map(String::strip).orElse("");
    if (value.isEmpty()) {
      if (production) {
        throw new IllegalArgumentException(
            "GATEWAY_SECRET must be set in production (JESSY_ENV=production): the secret the"
                + " gateway and the core share to pass the caller's identity; make one with"
                + " `openssl rand -hex 32`");
      }
      return Optional.empty();
    }
    if (value.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "GATEWAY_SECRET must be at least "
              + MIN_SECRET_LENGTH
              + " characters, got "
              + value.length());
    }
    return Optional.of(new CallerSignature(value));
  }

  /** The {@value #SIGNATURE} value for this request, signed at {@code epochSeconds}. */
  public String sign(
      String principal, String requestId, String method, String uri, long epochSeconds) {
    return "t=" + epochSeconds + ",v1=" + hex(principal, requestId, method, uri, epochSeconds);
  }

  /**
   * Whether {@code signature} is this secret's signature of the request at a time within {@link
   * #MAX_AGE} of {@code nowEpochSeconds}.
   */
  public boolean verifies(
      String principal,
      String signature,
      String requestId,
      String method,
      String uri,
      long nowEpochSeconds) {
    if (principal == null || signature == null || requestId == null) {
      return false;
    }
    Matcher value = VALUE.matcher(signature);
    if (!NAME.matcher(principal).matches() || !value.matches()) {
      return false;
    }
    long at = Long.parseLong(value.group(1));
    if (Math.abs(nowEpochSeconds - at) > MAX_AGE.toSeconds()) {
      return false;
    }
    byte[] expected =
        hex(principal, requestId, method, uri, at).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, value.group(2).getBytes(StandardCharsets.US_ASCII));
  }

  private String hex(
      String principal, String requestId, String method, String uri, long epochSeconds) {
    String message =
        String.join("\n", "v1", principal, requestId, method, uri, Long.toString(epochSeconds));
    // doFinal resets the Mac for the next message.
    return HexFormat.of().formatHex(macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
