package io.jessy.core.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps sessions in memory: lost on restart. The relational store replaces it for durability. */
@ApplicationScoped
public class InMemorySessionStore implements SessionStore {

  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public void append(String sessionId, String userId, Turn turn) {
    sessions.compute(
        sessionId,
        (id, existing) -> {
          if (existing == null) {
            return new Session(id, userId, turn.createdAt(), turn.createdAt(), List.of(turn));
          }
          if (userId != null
              && existing.userId() != null
              && !Objects.equals(userId, existing.userId())) {
            throw new SessionOwnershipException(id);
          }
          List<Turn> turns = new ArrayList<>(existing.turns());
          turns.add(turn);
          String owner = existing.userId() != null ? existing.userId() : userId;
          return new Session(id, owner, existing.createdAt(), turn.createdAt(), turns);
        });
  }

  @Override
  public void checkOwner(String sessionId, String userId) {
    Session existing = sessions.get(sessionId);
    if (existing != null) {
      requireOwner(existing, userId);
    }
  }

  private static void requireOwner(Session session, String userId) {
    if (userId != null && session.userId() != null && !Objects.equals(userId, session.userId())) {
      throw new SessionOwnershipException(session.id());
    }
  }

  @Override
  public Optional<Session> find(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  @Override
  public boolean delete(String sessionId) {
    return sessions.remove(sessionId) != null;
  }

  @Override
  public String backend() {
    return "memory";
  }
}
