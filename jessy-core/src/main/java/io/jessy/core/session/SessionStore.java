package io.jessy.core.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where sessions live. Implementations are thread-safe, and a turn is durable once {@link
 * #append} returns. Every method throws {@link StoreUnavailableException} (503) when the store
 * cannot be reached within its timeouts.
 */
public interface SessionStore {

  /** The most turns one page may hold. */
  int MAX_PAGE = 1000;

  /**
   * Appends a turn, creating the session if it does not exist yet.
   *
   * @return the turn as stored, with its sequence number
   * @throws SessionOwnershipException if the session exists and belongs to another user
   */
  Turn append(String sessionId, String userId, Turn turn);

  /**
   * Fails if the session exists and belongs to a user other than {@code userId}; lets a stream
   * refuse before it starts rather than after it has sent its first events.
   *
   * @throws SessionOwnershipException as {@link #append} would
   */
  void checkOwner(String sessionId, String userId);

  /**
   * Reads a session with one page of turns: the {@code limit} latest turns whose sequence number is
   * below {@code before} (all of them when null), oldest first.
   */
  Optional<Session> find(String sessionId, int limit, Integer before);

  /** Deletes a session and its turns; false when there was none. */
  boolean delete(String sessionId);

  /** Deletes the sessions last active before {@code cutoff}; returns how many. */
  int deleteInactiveSince(Instant cutoff);

  /** Checks that the store answers; throws {@link StoreUnavailableException} if not. */
  void ping();

  /** Where the sessions live, e.g. {@code h2:/var/lib/jessy/sessions}; never with credentials. */
  String backend();
}
