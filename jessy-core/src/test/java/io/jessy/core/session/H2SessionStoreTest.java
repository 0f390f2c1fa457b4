package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2SessionStoreTest extends SessionStoreContract {

  private final SessionStore store = TestDatabases.store(TestDatabases.h2(), "h2:mem");

  @Override
  SessionStore store() {
    return store;
  }

  @Test
  void namesItsBackend() {
    assertThat(store.backend()).isEqualTo("h2:mem");
  }

  @Test
  void reportsAnUnreachableDatabaseAsUnavailable() {
    JdbcDataSource broken = new JdbcDataSource();
    // IFEXISTS: an absent database is an error instead of being created.
    broken.setURL("jdbc:h2:mem:absent;IFEXISTS=TRUE");
    SessionStore unavailable = TestDatabases.store(broken, "h2:absent");

    assertThatThrownBy(
            () -> unavailable.start(ALICE, id(), null, turn("q", java.time.Instant.now())))
        .isInstanceOf(StoreUnavailableException.class)
        .hasCauseInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((StoreUnavailableException) e).status()).isEqualTo(503));
    assertThatThrownBy(unavailable::ping).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> unavailable.find(ALICE, id(), 1, null))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void rollsBackATurnWhoseInsertFails() throws SQLException {
    DataSource db = TestDatabases.h2();
    SessionStore h2 = TestDatabases.store(db, "h2:mem");
    String id = id();
    h2.start(ALICE, id, null, turn("one", java.time.Instant.now()));
    try (var connection = db.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("ALTER TABLE turns ADD CONSTRAINT short_queries CHECK (LENGTH(query) < 5)");
    }

    assertThatThrownBy(
            () -> h2.append(ALICE, id, null, turn("far too long", java.time.Instant.now())))
        .isInstanceOf(StoreUnavailableException.class);
    // The session row's count moved back with the failed turn: the next turn is number 2.
    assertThat(h2.find(ALICE, id, 10, null).orElseThrow().turnCount()).isEqualTo(1);
    assertThat(h2.append(ALICE, id, null, turn("two", java.time.Instant.now())).seq()).isEqualTo(2);
  }

  @Test
  void givesSessionsStoredBeforePrincipalsToAnonymousCallers() throws SQLException {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:" + id() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(db).target("1").load().migrate();
    String id = id();
    try (var connection = db.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO sessions (id, user_id, created_at, updated_at, turn_count)"
              + " VALUES ('"
              + id
              + "', 'u-1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
      statement.execute(
          "INSERT INTO turns (session_id, seq, query, answer, answer_source, outcome, dimensions,"
              + " iterations, created_at) VALUES ('"
              + id
              + "', 1, 'q', 'a', 'local', 'answered', '[]', 4, CURRENT_TIMESTAMP)");
    }
    Flyway.configure().dataSource(db).load().migrate();
    SessionStore migrated = TestDatabases.store(db, "h2:mem");

    assertThat(migrated.find(ANONYMOUS, id, 10, null).orElseThrow().turns()).hasSize(1);
    assertThat(migrated.append(ANONYMOUS, id, "u-1", turn("q2", java.time.Instant.now())).seq())
        .isEqualTo(2);
    assertThat(migrated.find(ALICE, id, 10, null)).isEmpty();
  }
}
