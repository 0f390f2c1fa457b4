package io.jessy.core.session;

/** A session id was used with a user id other than the one that created it. */
public final class SessionOwnershipException extends RuntimeException {

  public SessionOwnershipException(String sessionId) {
    super("session " + sessionId + " belongs to another user");
  }
}
