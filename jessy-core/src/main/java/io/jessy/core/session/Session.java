package io.jessy.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversation as read back: its totals and one page of its turns, oldest first.
 *
 * @param turnCount how many turns the session has in all
 * @param turns the requested page; see {@link SessionStore#find}
 */
public record Session(
    String id,
    String userId,
    Instant createdAt,
    Instant updatedAt,
    int turnCount,
    List<Turn> turns) {

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    turns = List.copyOf(turns);
  }

  /** The cursor for the next older page, or null when this page reaches the first turn. */
  public Integer nextBefore() {
    return turns.isEmpty() || turns.get(0).seq() <= 1 ? null : turns.get(0).seq();
  }
}
