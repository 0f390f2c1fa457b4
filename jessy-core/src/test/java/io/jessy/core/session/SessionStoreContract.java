package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does; one subclass per database. */
abstract class SessionStoreContract {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

  abstract SessionStore store();

  /** A session id no other test (or earlier run against the same database) has used. */
  static String id() {
    return "t-" + UUID.randomUUID();
  }

  static Turn turn(String query, Instant at) {
    return new Turn(
        0,
        query,
        "answer to " + query,
        "local",
        "answered",
        List.of("Emotion", "Meaning"),
        0.9,
        7,
        at);
  }

  /** The principals of two API keys, and of callers without one. */
  static final String ALICE = "alice";

  static final String BOB = "bob";
  static final String ANONYMOUS = "anonymous";

  private Session all(String id) {
    return store().find(ALICE, id, SessionStore.MAX_PAGE, null).orElseThrow();
  }

  /** Starts a session of {@link #ALICE} with a fresh id and returns the id. */
  private String started(String userId, Turn first) {
    String id = id();
    store().start(ALICE, id, userId, first);
    return id;
  }

  @Test
  void startsASessionWithItsFirstTurnAndReadsItBackExactly() {
    String id = id();
    Turn stored = store().start(ALICE, id, "u-alice", turn("one", T0));

    Session session = all(id);
    assertThat(stored.seq()).isEqualTo(1);
    assertThat(session.id()).isEqualTo(id);
    assertThat(session.userId()).isEqualTo("u-alice");
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0);
    assertThat(session.turnCount()).isEqualTo(1);
    assertThat(session.turns()).containsExactly(stored);
    assertThat(session.nextBefore()).isNull();
  }

  @Test
  void keepsEveryFieldOfARedirectedTurnIncludingTheMissingFrequency() {
    Turn redirected =
        new Turn(0, "q", "Let us talk.", "safety", "redirected", List.of(), null, 0, T0);
    String id = started(null, redirected);

    Turn read = all(id).turns().get(0);
    assertThat(read.dominantFrequency()).isNull();
    assertThat(read.dimensions()).isEmpty();
    assertThat(read.outcome()).isEqualTo("redirected");
    assertThat(read.answerSource()).isEqualTo("safety");
  }

  @Test
  void keepsLongAndNonAsciiTextIntact() {
    String query = "Wie fühle ich mich? 感じ 🙂 ".repeat(400);
    String answer = "x".repeat(50_000);
    String id =
        started(
            null,
            new Turn(0, query, answer, "llm", "answered", List.of("a,b", "\"c\""), 1.5, 9, T0));

    Turn read = all(id).turns().get(0);
    assertThat(read.query()).isEqualTo(query);
    assertThat(read.answer()).isEqualTo(answer);
    assertThat(read.dimensions()).containsExactly("a,b", "\"c\"");
  }

  @Test
  void appendsTurnsInOrderAndMovesUpdatedAt() {
    String id = started("u-alice", turn("one", T0));
    store().append(ALICE, id, "u-alice", turn("two", T0.plusSeconds(5)));
    store().append(ALICE, id, null, turn("three", T0.plusSeconds(9)));

    Session session = all(id);
    assertThat(session.turns()).extracting(Turn::query).containsExactly("one", "two", "three");
    assertThat(session.turns()).extracting(Turn::seq).containsExactly(1, 2, 3);
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(session.userId()).isEqualTo("u-alice");
  }

  @Test
  void pagesBackwardsFromTheLatestTurn() {
    String id = started(null, turn("q1", T0.plusSeconds(1)));
    for (int i = 2; i <= 7; i++) {
      store().append(ALICE, id, null, turn("q" + i, T0.plusSeconds(i)));
    }

    Session latest = store().find(ALICE, id, 3, null).orElseThrow();
    assertThat(latest.turnCount()).isEqualTo(7);
    assertThat(latest.turns()).extracting(Turn::query).containsExactly("q5", "q6", "q7");
    assertThat(latest.nextBefore()).isEqualTo(5);

    Session middle = store().find(ALICE, id, 3, latest.nextBefore()).orElseThrow();
    assertThat(middle.turns()).extracting(Turn::query).containsExactly("q2", "q3", "q4");

    Session first = store().find(ALICE, id, 3, middle.nextBefore()).orElseThrow();
    assertThat(first.turns()).extracting(Turn::query).containsExactly("q1");
    assertThat(first.nextBefore()).isNull();

    assertThat(store().find(ALICE, id, 3, 1).orElseThrow().turns()).isEmpty();
  }

  @Test
  void refusesAnotherUsersTurnAndKeepsTheSession() {
    String id = started("u-alice", turn("one", T0));

    assertThatThrownBy(() -> store().append(ALICE, id, "u-bob", turn("two", T0)))
        .isInstanceOf(SessionOwnershipException.class)
        .hasMessage("session " + id + " belongs to another user");
    assertThatThrownBy(() -> store().checkOwner(ALICE, id, "u-bob"))
        .isInstanceOf(SessionOwnershipException.class);
    store().checkOwner(ALICE, id, "u-alice");
    store().checkOwner(ALICE, id, null);
    assertThat(all(id).turns()).hasSize(1);
  }

  @Test
  void letsTheFirstNamedUserAdoptASessionStartedWithoutOne() {
    String id = started(null, turn("one", T0));
    store().append(ALICE, id, "carol", turn("two", T0));

    assertThat(all(id).userId()).isEqualTo("carol");
    assertThatThrownBy(() -> store().append(ALICE, id, "dave", turn("three", T0)))
        .isInstanceOf(SessionOwnershipException.class);
  }

  @Test
  void keepsEveryPrincipalsSessionsFromEveryOtherAsIfTheyDidNotExist() {
    String id = started("u-alice", turn("one", T0));

    for (String other : List.of(BOB, ANONYMOUS)) {
      assertThat(store().find(other, id, 10, null)).as(other).isEmpty();
      assertThatThrownBy(() -> store().append(other, id, null, turn("mine now", T0)))
          .as(other)
          .isInstanceOf(SessionNotFoundException.class)
          .hasMessage("No session with id " + id + ".");
      assertThatThrownBy(() -> store().checkOwner(other, id, "u-alice"))
          .as(other)
          .isInstanceOf(SessionNotFoundException.class);
      assertThat(store().delete(other, id)).as(other).isFalse();
    }

    assertThat(all(id).turns()).extracting(Turn::query).containsExactly("one");
  }

  @Test
  void neverCreatesASessionOnAnAppendToAnUnknownId() {
    String unknown = id();

    assertThatThrownBy(() -> store().append(ALICE, unknown, null, turn("hello", T0)))
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> store().checkOwner(ALICE, unknown, null))
        .isInstanceOf(SessionNotFoundException.class);
    assertThat(store().find(ALICE, unknown, 10, null)).isEmpty();
  }

  @Test
  void numbersConcurrentTurnsOfOneSessionWithoutGapsOrLoss() throws Exception {
    String id = started(null, turn("first", T0));
    int writers = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () ->
                    IntStream.range(0, each)
                        .forEach(
                            i -> store().append(ALICE, id, null, turn(writer + "-" + i, T0)))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Session session = all(id);
    assertThat(session.turnCount()).isEqualTo(writers * each + 1);
    assertThat(session.turns())
        .extracting(Turn::seq)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, writers * each + 1).boxed().toList());
    assertThat(session.turns()).extracting(Turn::query).doesNotHaveDuplicates();
  }

  @Test
  void keepsSessionsApart() {
    String one = started("u-alice", turn("one", T0));
    String two = started("u-bob", turn("two", T0));

    assertThat(all(one).turns()).extracting(Turn::query).containsExactly("one");
    assertThat(all(two).turns()).extracting(Turn::query).containsExactly("two");
  }

  @Test
  void deletesASessionWithItsTurnsOnce() {
    String id = started(null, turn("one", T0));
    store().append(ALICE, id, null, turn("two", T0));

    assertThat(store().delete(ALICE, id)).isTrue();
    assertThat(store().find(ALICE, id, 10, null)).isEmpty();
    assertThat(store().delete(ALICE, id)).isFalse();
    assertThatThrownBy(() -> store().append(ALICE, id, null, turn("three", T0)))
        .isInstanceOf(SessionNotFoundException.class);
  }

  @Test
  void deletesOnlySessionsInactiveSinceTheCutoff() {
    Instant now = Instant.now();
    String idle = started(null, turn("old", now.minusSeconds(3 * 86_400)));
    String active = started(null, turn("old", now.minusSeconds(3 * 86_400)));
    store().append(ALICE, active, null, turn("recent", now.minusSeconds(60)));

    assertThat(store().deleteInactiveSince(now.minusSeconds(86_400))).isPositive();
    assertThat(store().find(ALICE, idle, 10, null)).isEmpty();
    assertThat(all(active).turns()).hasSize(2);
  }

  @Test
  void findsNothingForAnUnknownId() {
    assertThat(store().find(ALICE, id(), 10, null)).isEmpty();
  }

  @Test
  void answersAPing() {
    store().ping();
  }

  @Test
  void returnsImmutableCopies() {
    List<Turn> turns = new ArrayList<>(List.of(turn("one", T0)));
    List<String> dimensions = new ArrayList<>(List.of("Emotion"));
    Session session = new Session("s", null, T0, T0, 1, turns);
    Turn turn = new Turn(1, "q", "a", "local", "answered", dimensions, null, 0, T0);
    turns.clear();
    dimensions.clear();

    assertThat(session.turns()).hasSize(1);
    assertThat(turn.dimensions()).containsExactly("Emotion");
    assertThatThrownBy(() -> session.turns().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiresTheFieldsThatMakeATurnAndASession() {
    List<String> none = List.of();
    assertThatThrownBy(() -> new Turn(0, null, "a", "local", "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn(0, "q", null, "local", "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn(0, "q", "a", null, "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn(0, "q", "a", "local", null, none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn(0, "q", "a", "local", "answered", none, null, 0, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session(null, null, T0, T0, 0, List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session("s", null, null, T0, 0, List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session("s", null, T0, null, 0, List.of()))
        .isInstanceOf(NullPointerException.class);
  }
}
