package io.jessy.core.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.jessy.core.config.JessyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Produces the session store on whichever datasource {@link StorageConfigSource} activated (Flyway
 * has migrated it by then).
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
    return new MeteredSessionStore(
        new JdbcSessionStore(dataSources.getActive(), location, json), registry);
  }
}
