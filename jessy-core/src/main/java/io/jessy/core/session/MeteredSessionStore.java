package io.jessy.core.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link SessionStore} that measures the one it wraps: {@code jessy_store_duration_seconds
 * {operation}} (a histogram) and {@code jessy_store_errors_total{operation}} (the store could not
 * be reached: a 503 for the caller). Both series exist from the start for every operation, so
 * dashboards and the store alert see zeros rather than nothing.
 */
public final class MeteredSessionStore implements SessionStore, AutoCloseable {

  private static final String[] OPERATIONS = {
    "start", "append", "check_owner", "find", "delete", "prune", "ping"
  };

  private record Meters(Timer duration, Counter errors) {}

  private final SessionStore store;
  private final Map<String, Meters> meters = new HashMap<>();

  public MeteredSessionStore(SessionStore store, MeterRegistry registry) {
    this.store = store;
    for (String operation : OPERATIONS) {
      meters.put(operation, new Meters(timer(registry, operation), errors(registry, operation)));
    }
  }

  private static Timer timer(MeterRegistry registry, String operation) {
    return Timer.builder("jessy.store.duration")
        .description("Time the session store took, by operation")
        .tag("operation", operation)
        .serviceLevelObjectives(
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3))
        .register(registry);
  }

  private static Counter errors(MeterRegistry registry, String operation) {
    return Counter.builder("jessy.store.errors")
        .description("Session store operations that failed: the store was unavailable")
        .tag("operation", operation)
        .register(registry);
  }

  private <T> T measured(String operation, Supplier<T> work) {
    Meters meter = meters.get(operation);
    long start = System.nanoTime();
    try {
      return work.get();
    } catch (StoreUnavailableException e) {
      meter.errors().increment();
      throw e;
    } finally {
      meter.duration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public Turn start(String principal, String sessionId, String userId, Turn turn) {
    return measured("start", () -> store.start(principal, sessionId, userId, turn));
  }

  @Override
  public Turn append(String principal, String sessionId, String userId, Turn turn) {
    return measured("append", () -> store.append(principal, sessionId, userId, turn));
  }

  @Override
  public void checkOwner(String principal, String sessionId, String userId) {
    measured(
        "check_owner",
        () -> {
          store.checkOwner(principal, sessionId, userId);
          return null;
        });
  }

  @Override
  public Optional<Session> find(String principal, String sessionId, int limit, Integer before) {
    return measured("find", () -> store.find(principal, sessionId, limit, before));
  }

  @Override
  public boolean delete(String principal, String sessionId) {
    return measured("delete", () -> store.delete(principal, sessionId));
  }

  @Override
  public int deleteInactiveSince(Instant cutoff) {
    return measured("prune", () -> store.deleteInactiveSince(cutoff));
  }

  @Override
  public void ping() {
    measured(
        "ping",
        () -> {
          store.ping();
          return null;
        });
  }

  @Override
  public String backend() {
    return store.backend();
  }

  @Override
  public void close() {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the session store", e);
      }
    }
  }
}
