package io.jessy.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions in a relational database (H2 or PostgreSQL, schema in {@code db/migration}). Turns are
 * written through {@link GroupCommit}: committed and forced to disk before the method returns, many
 * of them per transaction under load. An append locks the session row, so concurrent turns of one
 * session get consecutive sequence numbers, also from several replicas sharing one PostgreSQL.
 * Every read and write names the caller's principal, and a session of another principal is never
 * found.
 */
public final class JdbcSessionStore implements SessionStore {

  private static final int PING_SECONDS = 2;
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  /** H2 commits without forcing its file to disk; this statement does, once per group. */
  private static final String H2_SYNC = "CHECKPOINT SYNC";

  private final DataSource dataSource;
  private final String location;
  private final ObjectMapper json;
  private final GroupCommit writes;

  /**
   * @param location where the sessions live, {@code h2:...} or {@code postgresql://...}
   */
  public JdbcSessionStore(DataSource dataSource, String location, ObjectMapper json) {
    this.dataSource = dataSource;
    this.location = location;
    this.json = json;
    this.writes = new GroupCommit(dataSource, location.startsWith("h2") ? H2_SYNC : null);
  }

  /** A null bound to a column that is not text (PostgreSQL checks the declared type). */
  private record TypedNull(int sqlType) {}

  private static final TypedNull NULL_DOUBLE = new TypedNull(Types.DOUBLE);

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  @Override
  public Turn start(String principal, String sessionId, String userId, Turn turn) {
    Instant at = micros(turn.createdAt());
    return writes.run(
        sessionId,
        connection -> {
          update(
              connection,
              "INSERT INTO sessions (id, principal, user_id, created_at, updated_at, turn_count)"
                  + " VALUES (?, ?, ?, ?, ?, 1)",
              sessionId,
              principal,
              userId,
              utc(at),
              utc(at));
          return insertTurn(connection, sessionId, 1, turn, at);
        });
  }

  @Override
  public Turn append(String principal, String sessionId, String userId, Turn turn) {
    Instant at = micros(turn.createdAt());
    return writes.run(
        sessionId,
        connection -> {
          int seq;
          // The row lock gives concurrent turns of one session consecutive numbers.
          try (PreparedStatement lock =
                  prepare(
                      connection,
                      "SELECT principal, user_id, turn_count FROM sessions WHERE id = ? FOR UPDATE",
                      sessionId);
              ResultSet row = lock.executeQuery()) {
            requireOwner(row, principal, sessionId, userId);
            seq = row.getInt(3) + 1;
          }
          update(
              connection,
              "UPDATE sessions SET turn_count = ?, updated_at = ?, user_id = COALESCE(user_id, ?)"
                  + " WHERE id = ?",
              seq,
              utc(at),
              userId,
              sessionId);
          return insertTurn(connection, sessionId, seq, turn, at);
        });
  }

  private Turn insertTurn(Connection connection, String sessionId, int seq, Turn turn, Instant at)
      throws SQLException {
    Turn stored = turn.stored(seq, at);
    update(
        connection,
        "INSERT INTO turns (session_id, seq, query, answer, answer_source, outcome, dimensions,"
            + " dominant_frequency, iterations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sessionId,
        seq,
        stored.query(),
        stored.answer(),
        stored.answerSource(),
        stored.outcome(),
        names(stored.dimensions()),
        stored.dominantFrequency() == null ? NULL_DOUBLE : stored.dominantFrequency(),
        stored.iterations(),
        utc(at));
    return stored;
  }

  @Override
  public void checkOwner(String principal, String sessionId, String userId) {
    work(
        connection -> {
          try (PreparedStatement query =
                  prepare(
                      connection,
                      "SELECT principal, user_id FROM sessions WHERE id = ?",
                      sessionId);
              ResultSet row = query.executeQuery()) {
            requireOwner(row, principal, sessionId, userId);
          }
          return null;
        });
  }

  /**
   * Moves to the session's row ({@code principal, user_id, ...}) and checks that it is the
   * caller's: another principal's session is as missing as one that does not exist.
   */
  private static void requireOwner(ResultSet row, String principal, String sessionId, String userId)
      throws SQLException {
    if (!row.next() || !principal.equals(row.getString(1))) {
      throw new SessionNotFoundException(sessionId);
    }
    String owner = row.getString(2);
    if (userId != null && owner != null && !userId.equals(owner)) {
      throw new SessionOwnershipException(sessionId);
    }
  }

  @Override
  public Optional<Session> find(String principal, String sessionId, int limit, Integer before) {
    return transaction(
        connection -> {
          String userId;
          Instant createdAt;
          Instant updatedAt;
          int turnCount;
          try (PreparedStatement query =
                  prepare(
                      connection,
                      "SELECT user_id, created_at, updated_at, turn_count FROM sessions"
                          + " WHERE id = ? AND principal = ?",
                      sessionId,
                      principal);
              ResultSet row = query.executeQuery()) {
            if (!row.next()) {
              return Optional.empty();
            }
            userId = row.getString(1);
            createdAt = instant(row, 2);
            updatedAt = instant(row, 3);
            turnCount = row.getInt(4);
          }
          List<Turn> turns = new ArrayList<>();
          try (PreparedStatement query =
                  prepare(
                      connection,
                      "SELECT seq, query, answer, answer_source, outcome, dimensions,"
                          + " dominant_frequency, iterations, created_at FROM turns"
                          + " WHERE session_id = ? AND seq < ? ORDER BY seq DESC"
                          + " FETCH FIRST ? ROWS ONLY",
                      sessionId,
                      before == null ? Integer.MAX_VALUE : before,
                      limit);
              ResultSet row = query.executeQuery()) {
            while (row.next()) {
              turns.add(turn(row));
            }
          }
          Collections.reverse(turns);
          return Optional.of(
              new Session(sessionId, userId, createdAt, updatedAt, turnCount, turns));
        });
  }

  private Turn turn(ResultSet row) throws SQLException {
    double value = row.getDouble(7);
    Double frequency = row.wasNull() ? null : value;
    return new Turn(
        row.getInt(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        names(row.getString(6)),
        frequency,
        row.getInt(8),
        instant(row, 9));
  }

  @Override
  public boolean delete(String principal, String sessionId) {
    return transaction(
            connection ->
                update(
                    connection,
                    "DELETE FROM sessions WHERE id = ? AND principal = ?",
                    sessionId,
                    principal))
        > 0;
  }

  /**
   * Skips the sessions another transaction holds: one a turn is being added to is not idle, and one
   * another replica's retention or a caller is deleting goes anyway. So retention never waits for a
   * lock, cannot deadlock with a group of turns, and replicas pruning at once share the work.
   */
  @Override
  public int deleteInactiveSince(Instant cutoff) {
    return transaction(
        connection ->
            update(
                connection,
                "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE updated_at < ?"
                    + " FOR UPDATE SKIP LOCKED)",
                utc(micros(cutoff))));
  }

  @Override
  public void ping() {
    boolean valid = work(connection -> connection.isValid(PING_SECONDS));
    if (!valid) {
      throw new StoreUnavailableException(
          new SQLException("no answer within " + PING_SECONDS + " s"));
    }
  }

  @Override
  public String backend() {
    return location;
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  private <T> T work(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreUnavailableException(e);
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back if it throws. */
  private <T> T transaction(Work<T> work) {
    return work(
        connection -> {
          connection.setAutoCommit(false);
          try {
            T result = work.run(connection);
            connection.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          } finally {
            connection.setAutoCommit(true);
          }
        });
  }

  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, values)) {
      return statement.executeUpdate();
    }
  }

  /** A statement with {@code values} bound in order; {@link TypedNull} binds a typed null. */
  private static PreparedStatement prepare(Connection connection, String sql, Object... values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof TypedNull typed) {
          statement.setNull(i + 1, typed.sqlType());
        } else if (values[i] == null) {
          statement.setNull(i + 1, Types.VARCHAR);
        } else {
          statement.setObject(i + 1, values[i]);
        }
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  private String names(List<String> dimensions) {
    try {
      return json.writeValueAsString(dimensions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write dimension names", e);
    }
  }

  private List<String> names(String column) {
    try {
      return json.readValue(column, NAMES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable dimension names in the session store", e);
    }
  }

  /** The databases keep microseconds; storing exactly that makes a read-back equal the write. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
