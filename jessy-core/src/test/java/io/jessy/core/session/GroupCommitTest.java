package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.web.ApiException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit}: writes that queue up while one commits go in together, in one transaction,
 * in the order of the rows they lock; one write that fails never takes the others with it.
 */
class GroupCommitTest {

  /** Counts transactions by the connections the committer takes. */
  private static final class Counting implements DataSource {
    final DataSource db;
    final AtomicInteger connections = new AtomicInteger();

    Counting(DataSource db) {
      this.db = db;
    }

    @Override
    public Connection getConnection() throws SQLException {
      connections.incrementAndGet();
      return db.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return db.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      db.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      db.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return db.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return db.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return db.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return db.isWrapperFor(type);
    }
  }

  private Counting db;
  private GroupCommit commits;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);
  private final CountDownLatch release = new CountDownLatch(1);

  /** The row the writes of these tests lock, unless a test names its own. */
  private static final String NOTES = "notes";

  @BeforeEach
  void database() throws SQLException {
    db = new Counting(TestDatabases.h2());
    try (Connection c = db.db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(10))");
    }
    commits = new GroupCommit(db, "CHECKPOINT SYNC");
  }

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  private GroupCommit.Write<Integer> insert(int id, String text) {
    return c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("INSERT INTO notes VALUES (" + id + ", '" + text + "')");
      }
    };
  }

  /** Holds the committer in a first write, so the next ones queue up behind it. */
  private Future<Integer> holdTheCommitter() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Future<Integer> first =
        writers.submit(
            () ->
                commits.run(
                    NOTES,
                    c -> {
                      started.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return insert(0, "first").run(c);
                    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private List<Future<Integer>> queue(List<GroupCommit.Write<Integer>> writes)
      throws InterruptedException {
    List<Future<Integer>> futures = new ArrayList<>();
    for (GroupCommit.Write<Integer> write : writes) {
      futures.add(writers.submit(() -> commits.run(NOTES, write)));
    }
    Thread.sleep(200); // all of them waiting in the queue
    return futures;
  }

  private int rows() throws SQLException {
    try (Connection c = db.db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM notes")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void commitsTheWritesThatQueuedUpMeanwhileInOneTransaction() throws Exception {
    Future<Integer> first = holdTheCommitter();
    List<Future<Integer>> queued =
        queue(List.of(insert(1, "a"), insert(2, "b"), insert(3, "c"), insert(4, "d")));

    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    for (Future<Integer> f : queued) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(rows()).isEqualTo(5);
    assertThat(db.connections.get())
        .as("the first write's transaction, then one for four")
        .isEqualTo(2);
  }

  @Test
  void aWriteWhoseWriterGaveUpIsNeverRunButOneAlreadyRunningIsWaitedFor() throws Exception {
    commits = new GroupCommit(db, "CHECKPOINT SYNC", 2);
    Future<Integer> first = holdTheCommitter();
    Future<Integer> queued = writers.submit(() -> commits.run(NOTES, insert(1, "late")));

    assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreUnavailableException.class);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS))
        .as("the write held in the committer waited past its writer's first two seconds")
        .isEqualTo(1);
    assertThat(commits.run(NOTES, insert(2, "next"))).isEqualTo(1);
    assertThat(rows()).as("'first' and 'next'; 'late' was given up, never run").isEqualTo(2);
  }

  @Test
  void runsTheWritesOfAGroupInTheOrderOfTheRowsTheyLock() throws Exception {
    Future<Integer> first = holdTheCommitter();
    List<String> ran = new CopyOnWriteArrayList<>();
    List<Future<Integer>> queued = new ArrayList<>();
    for (String row : List.of("session-c", "session-b", "session-a")) {
      queued.add(
          writers.submit(
              () ->
                  commits.run(
                      row,
                      c -> {
                        ran.add(row);
                        return 1;
                      })));
      Thread.sleep(50); // queued in this order
    }

    release.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<Integer> f : queued) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(ran).containsExactly("session-a", "session-b", "session-c");
  }

  @Test
  void aWriteTheDatabaseRefusesFailsAloneAndTheOthersCommit() throws Exception {
    Future<Integer> first = holdTheCommitter();
    List<Future<Integer>> queued =
        queue(List.of(insert(1, "a"), insert(2, "far too long"), insert(3, "c")));

    release.countDown();

    first.get(10, TimeUnit.SECONDS);
    assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(queued.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void aWriteRefusedOnItsOwnMeritsFailsAloneWithinTheGroup() throws Exception {
    Future<Integer> first = holdTheCommitter();
    GroupCommit.Write<Integer> refused =
        c -> {
          throw ApiException.notFound("no such thing");
        };
    List<Future<Integer>> queued = queue(List.of(insert(1, "a"), refused, insert(2, "b")));

    release.countDown();

    first.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ApiException.class)
        .hasMessageContaining("no such thing");
    assertThat(queued.get(0).get(10, TimeUnit.SECONDS) + queued.get(2).get(10, TimeUnit.SECONDS))
        .isEqualTo(2);
    assertThat(rows()).isEqualTo(3);
    assertThat(db.connections.get()).as("still one transaction for the group").isEqualTo(2);
  }
}
