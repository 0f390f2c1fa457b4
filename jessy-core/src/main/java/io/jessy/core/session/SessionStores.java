package io.jessy.core.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.jessy.core.config.JessyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Produces the session store {@link StorageConfigSource} chose: the embedded {@link
 * LogSessionStore}, or the JDBC store on the PostgreSQL datasource (Flyway has migrated it by
 * then). Either is measured ({@link MeteredSessionStore}).
 */
@ApplicationScoped
public class SessionStores {

  private static final Logger LOG = Logger.getLogger(SessionStores.class);

  @Produces
  @Singleton
  SessionStore store(
      @Any InjectableInstance<AgroalDataSource> dataSources,
      JessyConfig config,
      ObjectMapper json,
      MeterRegistry registry) {
    String location = config.storage().location();
    LOG.infof("sessions are stored in %s", location);
    SessionStore store;
    if (location.startsWith("log:")) {
      Path directory = config.storage().dataDir().orElseThrow();
      if (Files.exists(directory.resolve("sessions.mv.db"))) {
        LOG.warnf(
            "%s holds an H2 file (sessions.mv.db) of an earlier version; its sessions are not read"
                + " by this one, which keeps sessions in %s",
            directory, LogSessionStore.FILE);
      }
      store = new LogSessionStore(directory);
    } else {
      store = new JdbcSessionStore(dataSources.getActive(), location, json);
    }
    return new MeteredSessionStore(store, registry);
  }

  /** Lets the embedded store finish its last group and close its file. */
  void close(@Disposes SessionStore store) {
    if (store instanceof MeteredSessionStore metered) {
      metered.close();
    }
  }
}
