package io.jessy.web;

import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets from files, the Docker and Swarm way: {@code GATEWAY_SECRET_FILE=/run/secrets/x} gives
 * {@code GATEWAY_SECRET} the file's content (trailing white space and line breaks dropped), so a
 * secret never has to be an environment value that {@code docker inspect} shows. Only for the
 * variables in {@link #SECRETS}; one set directly in the environment wins. A named file that cannot
 * be read stops the service, naming the variable: a missing secret never passes for an empty one.
 *
 * <p>A plain source (META-INF/services), not a factory, so the factories that derive settings from
 * these variables ({@code StorageConfigSource} with {@code DATABASE_URL}) see its values.
 */
public final class SecretFilesConfigSource extends MapBackedConfigSource {

  /** The variables that may come from a file. */
  public static final List<String> SECRETS =
      List.of(
          "GATEWAY_SECRET", "API_KEYS", "DATABASE_URL", "RATE_LIMIT_DATABASE_URL", "LLM_API_KEY");

  /** Below the environment (300) and a {@code .env} file (295): a value set directly wins. */
  static final int ORDINAL = 290;

  public SecretFilesConfigSource() {
    this(System.getenv());
  }

  SecretFilesConfigSource(Map<String, String> env) {
    super("jessy-secret-files", read(env), ORDINAL);
  }

  static Map<String, String> read(Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    for (String name : SECRETS) {
      String file = env.get(name + "_FILE");
      if (file == null || file.isBlank()) {
        continue;
      }
      try {
        values.put(name, Files.readString(Path.of(file)).stripTrailing());
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            name + "_FILE=" + file + " cannot be read: " + e.getMessage(),
            e instanceof IOException io ? new UncheckedIOException(io) : e);
      }
    }
    return values;
  }
}
