package io.jessy.core.session;

import io.jessy.web.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Many writes, one commit. Writers hand their work to one committer thread, which runs everything
 * that has queued up meanwhile in one transaction, commits it, forces it to disk once (one fsync
 * for all of them) and only then answers each writer: a writer's call returns when its write is
 * durable, so a 200 still means the turn is on disk, and under load the disk's flushes are shared.
 *
 * <p>Each write names the row it locks, and a group runs its writes in the order of those keys:
 * every replica's committer takes the row locks of its group in that one order, so two groups that
 * share sessions wait for each other instead of deadlocking (PostgreSQL would abort one of them
 * after {@code deadlock_timeout}, and its writes would run again one by one).
 *
 * <p>A write refused on its own merits (an {@link ApiException}, thrown before it changed anything)
 * fails alone. A batch the database refuses is rolled back and its writes are run again one
 * transaction each, so one bad write never fails the others; a write that fails alone is a {@link
 * StoreUnavailableException}.
 *
 * <p>A writer that gave up waiting (a 503: the store is slow or hangs) is never run afterwards: the
 * committer takes each write before running it, and a writer gives up only on a write not taken
 * yet. One already in a transaction is waited for (once more {@link #WAIT_SECONDS}), since its
 * outcome is the true answer. So a 503 means the turn was not stored, except when the store hung in
 * the middle of that transaction for over a minute, or failed to confirm a commit or its flush:
 * then the outcome is unknown, and the 503 says no more than that.
 */
final class GroupCommit {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  /** The most writes one transaction takes. */
  static final int MAX_BATCH = 256;

  /**
   * How long a writer waits for the committer to take its write, and then again for that write's
   * transaction, even for a store that hangs past its own timeouts.
   */
  static final long WAIT_SECONDS = 30;

  /** One write, run on the committer's connection inside its transaction. */
  @FunctionalInterface
  interface Write<T> {
    T run(Connection connection) throws SQLException;
  }

  /** {@code taken}: by the committer to run it, or by its writer who gave up on it. */
  private record Pending(
      String row, Write<?> write, CompletableFuture<Object> done, AtomicBoolean taken) {}

  private static final Comparator<Pending> LOCK_ORDER = Comparator.comparing(Pending::row);

  private final DataSource dataSource;
  private final String sync;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final long waitSeconds;

  /**
   * @param sync a statement that forces committed data to disk (H2's {@code CHECKPOINT SYNC}), or
   *     null when a commit does that itself (PostgreSQL)
   */
  GroupCommit(DataSource dataSource, String sync) {
    this(dataSource, sync, WAIT_SECONDS);
  }

  GroupCommit(DataSource dataSource, String sync, long waitSeconds) {
    this.dataSource = dataSource;
    this.sync = sync;
    this.waitSeconds = waitSeconds;
    Thread committer = new Thread(this::commitForever, "jessy-group-commit");
    committer.setDaemon(true);
    committer.start();
  }

  /**
   * Runs {@code write} in the next group's transaction; returns once that is on disk.
   *
   * @param row the key of the one row {@code write} locks (a session's id)
   */
  @SuppressWarnings("unchecked")
  <T> T run(String row, Write<T> write) {
    Pending pending = new Pending(row, write, new CompletableFuture<>(), new AtomicBoolean());
    queue.add(pending);
    try {
      return (T) StoreUnavailableException.await(pending.done(), waitSeconds);
    } catch (StoreUnavailableException e) {
      if (pending.done().isDone() || pending.taken().compareAndSet(false, true)) {
        throw e; // its answer, or not run and now never will be (a timeout, an interrupt)
      }
      // In the committer's transaction already: its outcome is the answer.
      return (T) StoreUnavailableException.await(pending.done(), waitSeconds);
    }
  }

  private void commitForever() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        batch.removeIf(p -> !p.taken().compareAndSet(false, true)); // its writer gave up
        if (batch.isEmpty()) {
          continue;
        }
        // Stable: the writes to one row keep the order they queued in.
        batch.sort(LOCK_ORDER);
        if (!commit(batch) && batch.size() > 1) {
          for (Pending pending : batch) {
            commit(List.of(pending));
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Never let the committer die: every writer of this batch gets the failure.
        LOG.error("group commit failed", e);
        batch.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException(e)));
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Forces the committed batch to disk. If that fails the writes are committed but maybe not
   * durable: their writers get a 503, and nothing is run again (that would store them twice).
   */
  private void forceToDisk(Connection connection, List<Pending> batch) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sync);
    } catch (SQLException e) {
      LOG.errorf(e, "committed writes could not be forced to disk (%s)", sync);
      batch.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException(e)));
    }
  }

  /**
   * Runs the writes in one transaction. True when it committed (each writer then has its answer);
   * false when the database refused it: rolled back, the writers still waiting.
   */
  private boolean commit(List<Pending> batch) {
    Object[] results = new Object[batch.size()];
    ApiException[] refused = new ApiException[batch.size()];
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (int i = 0; i < results.length; i++) {
          try {
            results[i] = batch.get(i).write().run(connection);
          } catch (ApiException e) {
            refused[i] = e;
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      if (sync != null) {
        forceToDisk(connection, batch);
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() > 1) {
        return false;
      }
      batch.get(0).done().completeExceptionally(new StoreUnavailableException(e));
      return true;
    }
    for (int i = 0; i < results.length; i++) {
      if (refused[i] != null) {
        batch.get(i).done().completeExceptionally(refused[i]);
      } else {
        batch.get(i).done().complete(results[i]);
      }
    }
    return true;
  }
}
