package io.jessy.core.session;

import io.jessy.web.ApiException;

/**
 * No session with this id for this caller: 404. A session of another principal gets the very same
 * answer, so the reply never tells whether an id exists.
 */
public final class SessionNotFoundException extends ApiException {

  public SessionNotFoundException(String sessionId) {
    super(404, "not-found", "Not found", "No session with id " + sessionId + ".");
  }
}
