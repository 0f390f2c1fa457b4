package io.jessy.core.session;

import io.jessy.web.ApiException;

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
}
