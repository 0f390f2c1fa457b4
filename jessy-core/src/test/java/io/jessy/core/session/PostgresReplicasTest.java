package io.jessy.core.session;

import static io.jessy.core.session.SessionStoreContract.ALICE;
import static io.jessy.core.session.SessionStoreContract.id;
import static io.jessy.core.session.SessionStoreContract.turn;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Three replicas of the core on one PostgreSQL, as Docker Swarm runs them: each store has its own
 * connections and its own group-commit writer, and all of them write to the same sessions at once.
 * A turn acknowledged by any replica is stored exactly once, with the number it was given, and the
 * numbers of every session run 1..n; PostgreSQL never has to break a deadlock between them.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_VARIABLE, matches = ".+")
class PostgresReplicasTest {

  private static final int REPLICAS = 3;
  private static final int WRITERS_PER_REPLICA = 8;

  private static DataSource database;

  /** Each replica's own connections (no pool: a fresh one for every transaction). */
  private static List<DataSource> connections;

  private static List<SessionStore> replicas;

  private final ExecutorService threads = Executors.newCachedThreadPool();

  /** The turns the replicas acknowledged: query → the session and number they answered with. */
  private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

  private record Acknowledged(String sessionId, int seq) {}

  @BeforeAll
  static void startReplicas() {
    database = TestDatabases.postgres(Optional.empty());
    connections =
        IntStream.range(0, REPLICAS)
            .mapToObj(r -> TestDatabases.postgres(Optional.empty()))
            .toList();
    replicas =
        connections.stream()
            .map(own -> (SessionStore) TestDatabases.store(own, "postgresql"))
            .toList();
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void storesEveryAcknowledgedTurnOnceWithConsecutiveNumbersAcrossReplicas() throws Exception {
    long deadlocksBefore = deadlocks();
    List<String> sessions = startSessions(6, Instant.now());

    List<Throwable> failures = appendConcurrently(sessions, 40, List.of());

    assertThat(failures).as("appends that failed").isEmpty();
    assertThat(acknowledged).hasSize(REPLICAS * WRITERS_PER_REPLICA * 40);
    sessions.forEach(this::holdsExactlyItsAcknowledgedTurns);
    assertThat(deadlocks() - deadlocksBefore).as("deadlocks PostgreSQL broke").isZero();
  }

  @Test
  void prunesOnEveryReplicaAtOnceWhileTurnsArriveWithoutFailingEither() throws Exception {
    long deadlocksBefore = deadlocks();
    Instant idleSince = Instant.parse("2001-01-01T00:00:00Z");
    Instant cutoff = idleSince.plus(Duration.ofDays(1));
    List<String> idle = startSessions(60, idleSince);
    List<Callable<Integer>> retention =
        replicas.stream()
            .map(r -> (Callable<Integer>) () -> r.deleteInactiveSince(cutoff))
            .toList();

    List<Throwable> failures = appendConcurrently(idle, 20, retention);
    // One more run after the last turn: every idle session no turn revived is gone.
    replicas.get(0).deleteInactiveSince(cutoff);

    assertThat(failures)
        .as("retention runs and appends that failed, other than to a session already pruned")
        .allSatisfy(failure -> assertThat(failure).isInstanceOf(SessionNotFoundException.class));
    for (String id : idle) {
      boolean revived = acknowledged.values().stream().anyMatch(a -> a.sessionId().equals(id));
      if (revived) {
        holdsExactlyItsAcknowledgedTurns(id);
      } else {
        assertThat(replicas.get(0).find(ALICE, id, 1, null)).as("idle session %s", id).isEmpty();
      }
    }
    assertThat(deadlocks() - deadlocksBefore).as("deadlocks PostgreSQL broke").isZero();
  }

  @Test
  void migratesTheSchemaOnceWhenEveryReplicaStartsAtOnce() throws Exception {
    // A schema of its own, empty as a new database's "public" is.
    String schema = "replicas_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MigrateResult>> migrations = new ArrayList<>();
      for (DataSource own : connections) {
        migrations.add(
            threads.submit(
                () -> {
                  go.await();
                  return Flyway.configure().dataSource(own).schemas(schema).load().migrate();
                }));
      }
      go.countDown();

      int applied = 0;
      for (Future<MigrateResult> migration : migrations) {
        MigrateResult result = migration.get(2, TimeUnit.MINUTES);
        assertThat(result.success).isTrue();
        applied += result.migrationsExecuted;
      }
      assertThat(applied).as("migrations run, by all replicas together").isEqualTo(2);
      assertThat(
              query(
                  "SELECT version FROM "
                      + schema
                      + ".flyway_schema_history WHERE success"
                      + " ORDER BY installed_rank"))
          .containsExactly("1", "2");
    } finally {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  /** Starts {@code count} sessions at once, each on one replica; every replica writes to all. */
  private List<String> startSessions(int count, Instant at) throws Exception {
    List<Callable<String>> starts = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      SessionStore replica = replicas.get(s % REPLICAS);
      starts.add(
          () -> {
            String id = id();
            replica.start(ALICE, id, null, turn("start", at));
            return id;
          });
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> started : threads.invokeAll(starts)) {
      ids.add(started.get());
    }
    return ids;
  }

  /**
   * Every replica's writers append {@code turnsPerWriter} turns each to random {@code sessions} at
   * once; from the first turn acknowledged, while groups of turns hold their sessions' locks,
   * {@code alongside} runs over and over on threads of its own until the writers are done. Returns
   * what failed, of both.
   */
  private List<Throwable> appendConcurrently(
      List<String> sessions, int turnsPerWriter, List<? extends Callable<?>> alongside)
      throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(REPLICAS * WRITERS_PER_REPLICA);
    CountDownLatch flowing = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int r = 0; r < REPLICAS; r++) {
      SessionStore replica = replicas.get(r);
      for (int w = 0; w < WRITERS_PER_REPLICA; w++) {
        String writer = r + "-" + w;
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  try {
                    for (int i = 0; i < turnsPerWriter; i++) {
                      String id =
                          sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
                      String query = writer + "-" + i;
                      try {
                        Turn stored = replica.append(ALICE, id, null, turn(query, Instant.now()));
                        acknowledged.put(query, new Acknowledged(id, stored.seq()));
                        flowing.countDown();
                      } catch (RuntimeException e) {
                        failures.add(e);
                      }
                    }
                  } finally {
                    writing.countDown();
                    flowing.countDown();
                  }
                  return null;
                }));
      }
    }
    for (Callable<?> task : alongside) {
      done.add(
          threads.submit(
              () -> {
                flowing.await();
                while (writing.getCount() > 0) {
                  try {
                    task.call();
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                  Thread.sleep(50);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> task : done) {
      task.get(2, TimeUnit.MINUTES);
    }
    return failures;
  }

  /** The session holds its first turn and the acknowledged ones, each once, numbered 1..n. */
  private void holdsExactlyItsAcknowledgedTurns(String id) {
    Session session = replicas.get(0).find(ALICE, id, SessionStore.MAX_PAGE, null).orElseThrow();
    Map<String, Integer> expected = new HashMap<>(Map.of("start", 1));
    acknowledged.forEach(
        (query, ack) -> {
          if (ack.sessionId().equals(id)) {
            expected.put(query, ack.seq());
          }
        });

    assertThat(session.turns())
        .extracting(Turn::seq)
        .as("numbers of session %s", id)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, expected.size()).boxed().toList());
    assertThat(session.turnCount()).isEqualTo(expected.size());
    assertThat(session.turns()).extracting(Turn::query).doesNotHaveDuplicates();
    assertThat(session.turns().stream().collect(Collectors.toMap(Turn::query, Turn::seq)))
        .as("turns of session %s, each with the number its writer was told", id)
        .isEqualTo(expected);
  }

  /**
   * Deadlocks PostgreSQL has detected in this database so far; each aborted a transaction. A
   * backend reports them at the latest when it exits, and the replicas close every connection after
   * its transaction.
   */
  private long deadlocks() throws SQLException {
    return Long.parseLong(
        query("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()").get(0));
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
