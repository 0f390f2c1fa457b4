package io.jessy.core.session;

import io.jessy.web.ApiException;

/** A session id was used with a user id other than the one that created it: 409. */
public final class SessionOwnershipException extends ApiException {

  public SessionOwnershipException(String sessionId) {
    super(
        409,
        "session-conflict",
        "Session conflict",
        "session " + sessionId + " belongs to another user");
  }
}
