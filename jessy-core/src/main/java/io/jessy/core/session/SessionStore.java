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
   * Starts a session with its first turn. The id is new (the caller generated it); the session
   * belongs to {@code principal} and, within it, to {@code userId} if one is given.
   *
   * @return the turn as stored (sequence number 1)
   */
  Turn start(String principal, String sessionId, String userId, Turn turn);

  /**
   * Appends a turn to a session of {@code principal}.
   *
   * @return the turn as stored, with its sequence number
   * @throws SessionNotFoundException if there is no such session, or it belongs to another
   *     principal (the same answer, so the caller learns nothing about other principals' ids)
   * @throws SessionOwnershipException if it belongs to another user of this principal
   */
  Turn append(String principal, String sessionId, String userId, Turn turn);

  /**
   * Fails as {@link #append} would; lets a stream refuse before it starts rather than after it has
   * sent its first events.
   */
  void checkOwner(String principal, String sessionId, String userId);

  /**
   * Reads a session of {@code principal} with one page of turns: the {@code limit} latest turns
   * whose sequence number is below {@code before} (all of them when null), oldest first. Empty when
   * there is none, or it belongs to another principal.
   */
  Optional<Session> find(String principal, String sessionId, int limit, Integer before);

  /**
   * Deletes a session of {@code principal} and its turns; false when there was none (or it belongs
   * to another principal).
   */
  boolean delete(String principal, String sessionId);

  /** Deletes the sessions last active before {@code cutoff}; returns how many. */
  int deleteInactiveSince(Instant cutoff);

  /** Checks that the store answers; throws {@link StoreUnavailableException} if not. */
  void ping();

  /**
   * Where the sessions live, e.g. {@code log:/var/lib/jessy/sessions.log}; never with credentials.
   */
  String backend();
}
