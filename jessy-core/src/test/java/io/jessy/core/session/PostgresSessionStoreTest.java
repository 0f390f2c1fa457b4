package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same contract on a real PostgreSQL; {@code .ci/run} provides one. */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_VARIABLE, matches = ".+")
class PostgresSessionStoreTest extends SessionStoreContract {

  private static SessionStore store;

  @Override
  synchronized SessionStore store() {
    if (store == null) {
      store = TestDatabases.store(TestDatabases.postgres(Optional.empty()), "postgresql");
    }
    return store;
  }

  @Test
  void namesItsBackendWithoutCredentials() {
    assertThat(TestDatabases.postgresUrl().location())
        .startsWith("postgresql://")
        .doesNotContain("@");
  }
}
