package io.jessy.core.session;

import io.jessy.web.DatabaseUrl;
import io.jessy.web.DesignVariablesConfigSource;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the session store from the environment, as the design document's variables describe it:
 * PostgreSQL when {@code DATABASE_URL} is set (either form, see {@link DatabaseUrl}): this source
 * activates its datasource and gives it its URL and credentials; otherwise the embedded {@link
 * LogSessionStore} in {@code JESSY_DATA_DIR} (default {@code ./data}), and no datasource at all.
 * Its ordinal sits between application.properties (250) and the environment (300), so explicit
 * Quarkus settings win.
 */
public final class StorageConfigSource extends MapBackedConfigSource {

  static final String POSTGRESQL = "postgresql";

  StorageConfigSource(Map<String, String> env) {
    super("jessy-storage", derive(env), DesignVariablesConfigSource.ORDINAL);
  }

  /** Registered with SmallRye Config (META-INF/services), so it sees every other source. */
  public static final class Factory implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
      return List.of(
          new StorageConfigSource(
              DesignVariablesConfigSource.variables(context, "DATABASE_URL", "JESSY_DATA_DIR")));
    }
  }

  private static Map<String, String> derive(Map<String, String> env) {
    Map<String, String> properties = new HashMap<>();
    String databaseUrl = env.getOrDefault("DATABASE_URL", "");
    boolean postgres = !databaseUrl.isBlank();
    properties.put(active(POSTGRESQL), String.valueOf(postgres));
    if (postgres) {
      DatabaseUrl db = DatabaseUrl.parse("DATABASE_URL", databaseUrl);
      properties.put(datasource(POSTGRESQL, "jdbc.url"), db.jdbcUrl());
      db.user().ifPresent(user -> properties.put(datasource(POSTGRESQL, "username"), user));
      db.password().ifPresent(pw -> properties.put(datasource(POSTGRESQL, "password"), pw));
      properties.put("jessy.storage.location", db.location());
    } else {
      Path directory =
          Path.of(env.getOrDefault("JESSY_DATA_DIR", "./data")).toAbsolutePath().normalize();
      properties.put("jessy.storage.data-dir", directory.toString());
      properties.put("jessy.storage.location", "log:" + directory.resolve(LogSessionStore.FILE));
    }
    return properties;
  }

  private static String active(String name) {
    return datasource(name, "active");
  }

  private static String datasource(String name, String key) {
    return "quarkus.datasource." + name + "." + key;
  }
}
