package io.jessy.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A conversation: its turns in order, oldest first. */
public record Session(
    String id, String userId, Instant createdAt, Instant updatedAt, List<Turn> turns) {

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    turns = List.copyOf(turns);
  }
}
