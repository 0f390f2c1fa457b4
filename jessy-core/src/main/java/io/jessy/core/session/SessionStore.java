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

  /**
   * Fails if the session exists and belongs to a user other than {@code userId}; lets a stream
   * refuse before it starts rather than after it has sent its first events.
   *
   * @throws SessionOwnershipException as {@link #append} would
   */
  void checkOwner(String sessionId, String userId);

  Optional<Session> find(String sessionId);

  /** Deletes a session and its turns; false when there was none. */
  boolean delete(String sessionId);

  /** A short name of the backend for /status, never containing credentials. */
  String backend();
}
