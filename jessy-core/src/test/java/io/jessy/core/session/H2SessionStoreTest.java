package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import javax.sql.DataSource;
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

    assertThatThrownBy(() -> unavailable.append(id(), null, turn("q", java.time.Instant.now())))
        .isInstanceOf(StoreUnavailableException.class)
        .hasCauseInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((StoreUnavailableException) e).status()).isEqualTo(503));
    assertThatThrownBy(unavailable::ping).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> unavailable.find(id(), 1, null))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void rollsBackATurnWhoseInsertFails() throws SQLException {
    DataSource db = TestDatabases.h2();
    SessionStore h2 = TestDatabases.store(db, "h2:mem");
    String id = id();
    h2.append(id, null, turn("one", java.time.Instant.now()));
    try (var connection = db.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("ALTER TABLE turns ADD CONSTRAINT short_queries CHECK (LENGTH(query) < 5)");
    }

    assertThatThrownBy(() -> h2.append(id, null, turn("far too long", java.time.Instant.now())))
        .isInstanceOf(StoreUnavailableException.class);
    // The session row's count moved back with the failed turn: the next turn is number 2.
    assertThat(h2.find(id, 10, null).orElseThrow().turnCount()).isEqualTo(1);
    assertThat(h2.append(id, null, turn("two", java.time.Instant.now())).seq()).isEqualTo(2);
  }
}
