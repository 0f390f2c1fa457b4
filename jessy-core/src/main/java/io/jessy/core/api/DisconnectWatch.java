package io.jessy.core.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Interrupts the thread doing a request's blocking work if its client goes away meanwhile, so that
 * a pending call (a language model's answer) ends with the client instead of running for nobody.
 * Only while it is open: {@link #close} stops it and clears any interrupt it caused, so the pooled
 * thread goes back clean.
 *
 * <pre>{@code
 * try (var watch = DisconnectWatch.start(routing)) {
 *   answer = slowCall();
 * }
 * }</pre>
 */
final class DisconnectWatch implements AutoCloseable {

  private final Thread worker = Thread.currentThread();
  private boolean watching = true;

  private DisconnectWatch() {}

  static DisconnectWatch start(RoutingContext routing) {
    DisconnectWatch watch = new DisconnectWatch();
    // Called when the response ends, or fails because the connection closed first.
    routing.addEndHandler(
        done -> {
          if (done.failed()) {
            watch.interrupt();
          }
        });
    return watch;
  }

  private synchronized void interrupt() {
    if (watching) {
      worker.interrupt();
    }
  }

  /** Stops watching; returns with the interrupt flag cleared. */
  @Override
  public void close() {
    synchronized (this) {
      watching = false;
    }
    Thread.interrupted();
  }
}
