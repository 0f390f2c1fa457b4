package io.jessy.core.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.web.DatabaseUrl;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the store tests run on, migrated with the service's own Flyway scripts: a private
 * in-memory H2, and the PostgreSQL named by {@code JESSY_TEST_DATABASE_URL} ({@code .ci/run} starts
 * one; locally the PostgreSQL tests are skipped without it). Tests use fresh random session ids, so
 * a shared PostgreSQL database needs no cleaning.
 */
public final class TestDatabases {

  public static final String POSTGRES_VARIABLE = "JESSY_TEST_DATABASE_URL";

  private TestDatabases() {}

  public static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return migrated(h2);
  }

  /** The test PostgreSQL, reached through {@code host:port} instead when given (a proxy). */
  public static DataSource postgres(Optional<String> hostPort) {
    DatabaseUrl url = postgresUrl();
    PGSimpleDataSource pg = new PGSimpleDataSource();
    String jdbc = url.jdbcUrl();
    if (hostPort.isPresent()) {
      jdbc = jdbc.replaceFirst("//[^/]+/", "//" + hostPort.get() + "/");
    }
    pg.setURL(jdbc);
    url.user().ifPresent(pg::setUser);
    url.password().ifPresent(pg::setPassword);
    pg.setConnectTimeout(2);
    pg.setSocketTimeout(5);
    return migrated(pg);
  }

  public static DatabaseUrl postgresUrl() {
    String value = System.getenv(POSTGRES_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(POSTGRES_VARIABLE + " is not set");
    }
    return DatabaseUrl.parse(POSTGRES_VARIABLE, value);
  }

  public static JdbcSessionStore store(DataSource dataSource, String location) {
    return new JdbcSessionStore(dataSource, location, new ObjectMapper());
  }

  private static DataSource migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }
}
