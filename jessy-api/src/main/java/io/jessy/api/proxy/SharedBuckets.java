package io.jessy.api.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions.BucketExecutionException;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.jessy.api.config.GatewayConfig;
import io.jessy.web.DatabaseUrl;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.postgresql.Driver;

/**
 * The buckets of every gateway replica, one row per client in PostgreSQL ({@code
 * RATE_LIMIT_DATABASE_URL}), through Bucket4j's JDBC backend. Its {@code SELECT ... FOR UPDATE}
 * variant: lock-and-read, write, commit, one round trip fewer than the advisory-lock one.
 *
 * <p>JDBC blocks, so every call runs on a few threads of this class, never on an event loop, and
 * hands back a stage. A guard (SmallRye Fault Tolerance) gives a call up after its timeout and
 * opens a circuit after repeated failures; while it is open, calls fail at once, with no thread or
 * connection spent, and the caller uses its own bucket. After the breaker delay one call tries the
 * store again, and its success closes the circuit.
 *
 * <p>Concurrent requests of one client are batched (Bucket4j's batching optimization): while one
 * transaction is on its way the others queue behind it and then go together, one transaction for
 * all of them. That is exact, unlike Bucket4j's delaying and predicting optimizations, which let
 * each replica spend tokens it has not asked the store for.
 *
 * <p>The table is created on first use, unlogged (after a database crash it is empty, which means
 * full buckets: what a new client gets anyway; no WAL for a state that changes on every request). A
 * row expires {@link #KEEP_AFTER_REFILL} after its bucket would be full again, and {@link
 * #removeExpired} deletes expired rows. No index on {@code expires_at}: it would cost every update
 * its heap-only (HOT) path, to spare a once-a-minute scan of a table of recent clients.
 */
final class SharedBuckets implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SharedBuckets.class);

  static final String TABLE = "jessy_rate_limit_bucket";

  /** The circuit breaker's name, as {@code CircuitBreakerMaintenance} knows it. */
  static final String BREAKER = "rate-limit-store";

  /** Threads, and connections: a thread holds at most one at a time. */
  static final int THREADS = 8;

  /** Calls waiting for a thread; more means the store cannot keep up, and counts as a failure. */
  static final int QUEUE = 512;

  /** The breaker opens when half of the last this-many calls failed. */
  static final int BREAKER_WINDOW = 10;

  static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

  /** Rows deleted per statement by {@link #removeExpired}, and statements per run at most. */
  static final int CLEANUP_BATCH = 1000;

  private static final int CLEANUP_ROUNDS = 100;

  private static final String UNIQUE_VIOLATION = "23505";

  private static final TypeLiteral<CompletionStage<Object>> STAGE = new TypeLiteral<>() {};

  private final String location;
  private final String keyPrefix;
  private final BucketConfiguration configuration;
  private final AgroalDataSource dataSource;
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;
  private final ThreadPoolExecutor executor;
  private final Guard guard;
  private final Duration timeout;

  /** One proxy per client, so that its batching gathers that client's concurrent requests. */
  private final Cache<String, BucketProxy> proxies = RateLimits.perClient();

  private volatile boolean tableReady;
  private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
  private volatile String lastFailure = "none";

  /**
   * How long a request waits for the store before it uses its own bucket, and how long the circuit
   * stays open before one call tries the store again.
   */
  record Timing(Duration timeout, Duration breakerDelay) {
    static final Duration BREAKER_DELAY = Duration.ofSeconds(5);

    /** RATE_LIMIT_STORE_TIMEOUT, and a five-second breaker delay. */
    static Timing of(GatewayConfig config) {
      return new Timing(config.rateLimit().storeTimeout(), BREAKER_DELAY);
    }
  }

  /**
   * @param clock Bucket4j's time meter (wall-clock based), so tests can hold time still
   * @param breaker the circuit breaker's name, or null: names are unique in an application
   */
  SharedBuckets(
      DatabaseUrl url, Bandwidth bandwidth, TimeMeter clock, Timing timing, String breaker) {
    this.location = url.location();
    this.timeout = timing.timeout();
    // Limits are part of the key: replicas with other limits keep other buckets, and a changed
    // limit starts from a full bucket rather than from one built for the old limit.
    this.keyPrefix = bandwidth.getRefillTokens() + "/" + bandwidth.getCapacity() + ":";
    this.configuration = BucketConfiguration.builder().addLimit(bandwidth).build();
    this.dataSource = dataSource(url, timeout);
    this.store =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table(TABLE)
            .clientClock(clock)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    KEEP_AFTER_REFILL))
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUE),
            work -> {
              Thread thread = new Thread(work, "rate-limit-store-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    this.guard =
        Guard.create()
            .withTimeout()
            .duration(timeout.toMillis(), ChronoUnit.MILLIS)
            .done()
            .withCircuitBreaker()
            .requestVolumeThreshold(BREAKER_WINDOW)
            .failureRatio(0.5)
            .successThreshold(1)
            .delay(timing.breakerDelay().toMillis(), ChronoUnit.MILLIS)
            .onStateChange(this::stateChanged)
            .with(circuit -> Optional.ofNullable(breaker).ifPresent(circuit::name))
            .done()
            // The guarded call only hands work to this class's threads: no hop before that.
            .withThreadOffload(false)
            .build();
    LOG.infof("rate limits: buckets shared by every replica in %s", location);
  }

  private static AgroalDataSource dataSource(DatabaseUrl url, Duration timeout) {
    AgroalDataSourceConfigurationSupplier configuration =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.minSize(0)
                        .maxSize(THREADS)
                        .acquisitionTimeout(timeout)
                        // Connections that died with the database go on their first error, and
                        // one idle for a while is checked before use.
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .idleValidationTimeout(Duration.ofSeconds(10))
                        .validationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionFactoryConfiguration(
                            factory -> {
                              factory
                                  .connectionProviderClass(Driver.class)
                                  .jdbcUrl(url.jdbcUrl())
                                  .loginTimeout(Duration.ofSeconds(1))
                                  // Seconds, the driver's finest unit; the guard's own timeout
                                  // is what a request waits, these free the thread.
                                  .jdbcProperty("connectTimeout", "1")
                                  .jdbcProperty("socketTimeout", "2")
                                  .jdbcProperty("ApplicationName", "jessy-api");
                              url.user()
                                  .ifPresent(user -> factory.principal(new NamePrincipal(user)));
                              url.password()
                                  .ifPresent(
                                      password -> factory.credential(new SimplePassword(password)));
                              return factory;
                            }));
    try {
      return AgroalDataSource.from(configuration);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the rate-limit store " + url.location(), e);
    }
  }

  /** Takes one token from the client's shared bucket. */
  CompletionStage<ConsumptionProbe> take(String client) {
    return call(
        () -> {
          createTable();
          return proxies
              .get(
                  client,
                  key ->
                      store
                          .builder()
                          .withOptimization(Optimizations.batching())
                          .build(keyPrefix + key, () -> configuration))
              .tryConsumeAndReturnRemaining(1);
        });
  }

  /** Completes once the store has answered (and has the table), through the same circuit. */
  CompletionStage<Void> probe() {
    return call(
        () -> {
          createTable();
          try (Connection connection = dataSource.getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
          }
          return null;
        });
  }

  /**
   * Deletes expired rows in the background, unless the store is away (then requests are what finds
   * out when it is back).
   */
  void removeExpired() {
    if (state != CircuitBreakerState.CLOSED) {
      return;
    }
    try {
      executor.execute(this::removeExpiredNow);
    } catch (RejectedExecutionException e) {
      LOG.debug("rate-limit store busy: expired buckets are removed next time");
    }
  }

  /** Deletes expired rows, a batch at a time; the number deleted. */
  int removeExpiredNow() {
    int removed = 0;
    try {
      createTable();
      for (int round = 0; round < CLEANUP_ROUNDS; round++) {
        int batch = store.removeExpired(CLEANUP_BATCH);
        removed += batch;
        if (batch < CLEANUP_BATCH) {
          break;
        }
      }
    } catch (RuntimeException | SQLException e) {
      LOG.debugf("removing expired buckets failed: %s", reason(e));
    }
    return removed;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    dataSource.close();
  }

  /** The failure's own name, beneath the wrappers of stages and of Bucket4j. */
  static String reason(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof BucketExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }

  /** SQLSTATE class 08 (connection exception) or 57P (the server shutting down or restarting). */
  private static boolean connectionLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException e
          && e.getSQLState() != null
          && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  private void createTable() throws SQLException {
    if (tableReady) {
      return;
    }
    synchronized (this) {
      if (tableReady) {
        return;
      }
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE UNLOGGED TABLE IF NOT EXISTS "
                + TABLE
                + " (id TEXT PRIMARY KEY, state BYTEA, expires_at BIGINT)");
      } catch (SQLException e) {
        // Two replicas creating it at the same moment: both pass IF NOT EXISTS, and the second
        // then fails on the catalogue's unique index. The table is there all the same.
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      tableReady = true;
    }
  }

  /**
   * Runs {@code work} on this class's threads, guarded. A call that waited for a thread until the
   * guard gave it up is dropped unrun, so an outage never leaves a queue of work behind it.
   */
  @SuppressWarnings("unchecked")
  private <T> CompletionStage<T> call(Callable<T> work) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletionStage<Object> guarded =
        guard.get(
            () -> {
              CompletableFuture<Object> result = new CompletableFuture<>();
              try {
                executor.execute(
                    () -> {
                      if (System.nanoTime() - deadline > 0) {
                        result.completeExceptionally(new TimeoutException("no thread in time"));
                        return;
                      }
                      try {
                        result.complete(work.call());
                      } catch (Throwable e) {
                        result.completeExceptionally(e);
                      }
                    });
              } catch (RejectedExecutionException e) {
                result.completeExceptionally(e);
              }
              return result;
            },
            STAGE);
    return (CompletionStage<T>)
        guarded.whenComplete(
            (value, failure) -> {
              if (failure != null) {
                lastFailure = reason(failure);
                LOG.debugf(failure, "rate-limit store call failed");
                if (connectionLost(failure)) {
                  // The others most likely died with this one, and each would fail a request
                  // once the store is back: they go now (those in use when they come back).
                  dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
                }
              }
            });
  }

  private void stateChanged(CircuitBreakerState next) {
    CircuitBreakerState previous = state;
    state = next;
    if (next == CircuitBreakerState.OPEN && previous == CircuitBreakerState.CLOSED) {
      LOG.warnf(
          "rate-limit store %s unreachable (%s): each replica limits with its own buckets until"
              + " it answers again",
          location, lastFailure);
    } else if (next == CircuitBreakerState.CLOSED) {
      LOG.infof("rate-limit store %s answers again: buckets are shared", location);
    }
  }
}
