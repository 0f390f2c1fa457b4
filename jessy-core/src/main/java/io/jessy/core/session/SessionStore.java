package io.jessy.core.session;

import java.util.Optional;

/** Port: where sessions live. Implementations are thread-safe and durable once a call returns. */
public interface SessionStore {

  /**
   * Appends a turn, creating the session if it does not exist yet.
   *
   * @throws SessionOwnershipException if the session exists and belongs to another user
   */
  void append(String sessionId, String userId, Turn turn);

  Optional<Session> find(String sessionId);

  /** Deletes a session and its turns; false when there was none. */
  boolean delete(String sessionId);

  /** A short name of the backend for /status, never containing credentials. */
  String backend();
}
