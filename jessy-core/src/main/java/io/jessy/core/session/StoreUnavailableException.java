package io.jessy.core.session;

import io.jessy.web.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The session store did not answer: 503, so clients retry rather than lose a turn silently. */
public final class StoreUnavailableException extends ApiException {

  public StoreUnavailableException(Throwable cause) {
    super(
        503,
        "store-unavailable",
        "Session store unavailable",
        "The session store is not reachable right now; nothing was saved. Retry shortly.");
    initCause(cause);
  }

  /**
   * The result of a write handed to a store's writer thread, once that write is on disk: the
   * writer's own {@link RuntimeException} as it is, anything else (a checked failure, no answer
   * within {@code seconds}, an interrupt) as a {@code StoreUnavailableException}.
   */
  static <T> T await(CompletableFuture<T> done, long seconds) {
    try {
      return done.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new StoreUnavailableException(e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(e);
    }
  }
}
