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

  private Session all(String id) {
    return store().find(id, SessionStore.MAX_PAGE, null).orElseThrow();
  }

  @Test
  void createsASessionWithItsFirstTurnAndReadsItBackExactly() {
    String id = id();
    Turn stored = store().append(id, "alice", turn("one", T0));

    Session session = all(id);
    assertThat(stored.seq()).isEqualTo(1);
    assertThat(session.id()).isEqualTo(id);
    assertThat(session.userId()).isEqualTo("alice");
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0);
    assertThat(session.turnCount()).isEqualTo(1);
    assertThat(session.turns()).containsExactly(stored);
    assertThat(session.nextBefore()).isNull();
  }

  @Test
  void keepsEveryFieldOfARedirectedTurnIncludingTheMissingFrequency() {
    String id = id();
    Turn redirected =
        new Turn(0, "q", "Let us talk.", "safety", "redirected", List.of(), null, 0, T0);
    store().append(id, null, redirected);

    Turn read = all(id).turns().get(0);
    assertThat(read.dominantFrequency()).isNull();
    assertThat(read.dimensions()).isEmpty();
    assertThat(read.outcome()).isEqualTo("redirected");
    assertThat(read.answerSource()).isEqualTo("safety");
  }

  @Test
  void keepsLongAndNonAsciiTextIntact() {
    String id = id();
    String query = "Wie fühle ich mich? 感じ 🙂 ".repeat(400);
    String answer = "x".repeat(50_000);
    store()
        .append(
            id,
            null,
            new Turn(0, query, answer, "llm", "answered", List.of("a,b", "\"c\""), 1.5, 9, T0));

    Turn read = all(id).turns().get(0);
    assertThat(read.query()).isEqualTo(query);
    assertThat(read.answer()).isEqualTo(answer);
    assertThat(read.dimensions()).containsExactly("a,b", "\"c\"");
  }

  @Test
  void appendsTurnsInOrderAndMovesUpdatedAt() {
    String id = id();
    store().append(id, "alice", turn("one", T0));
    store().append(id, "alice", turn("two", T0.plusSeconds(5)));
    store().append(id, null, turn("three", T0.plusSeconds(9)));

    Session session = all(id);
    assertThat(session.turns()).extracting(Turn::query).containsExactly("one", "two", "three");
    assertThat(session.turns()).extracting(Turn::seq).containsExactly(1, 2, 3);
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(session.userId()).isEqualTo("alice");
  }

  @Test
  void pagesBackwardsFromTheLatestTurn() {
    String id = id();
    for (int i = 1; i <= 7; i++) {
      store().append(id, null, turn("q" + i, T0.plusSeconds(i)));
    }

    Session latest = store().find(id, 3, null).orElseThrow();
    assertThat(latest.turnCount()).isEqualTo(7);
    assertThat(latest.turns()).extracting(Turn::query).containsExactly("q5", "q6", "q7");
    assertThat(latest.nextBefore()).isEqualTo(5);

    Session middle = store().find(id, 3, latest.nextBefore()).orElseThrow();
    assertThat(middle.turns()).extracting(Turn::query).containsExactly("q2", "q3", "q4");

    Session first = store().find(id, 3, middle.nextBefore()).orElseThrow();
    assertThat(first.turns()).extracting(Turn::query).containsExactly("q1");
    assertThat(first.nextBefore()).isNull();

    assertThat(store().find(id, 3, 1).orElseThrow().turns()).isEmpty();
  }

  @Test
  void refusesAnotherUsersTurnAndKeepsTheSession() {
    String id = id();
    store().append(id, "alice", turn("one", T0));

    assertThatThrownBy(() -> store().append(id, "bob", turn("two", T0)))
        .isInstanceOf(SessionOwnershipException.class)
        .hasMessage("session " + id + " belongs to another user");
    assertThatThrownBy(() -> store().checkOwner(id, "bob"))
        .isInstanceOf(SessionOwnershipException.class);
    store().checkOwner(id, "alice");
    store().checkOwner(id, null);
    store().checkOwner(id(), "anyone");
    assertThat(all(id).turns()).hasSize(1);
  }

  @Test
  void letsTheFirstNamedUserAdoptAnAnonymousSession() {
    String id = id();
    store().append(id, null, turn("one", T0));
    store().append(id, "carol", turn("two", T0));

    assertThat(all(id).userId()).isEqualTo("carol");
    assertThatThrownBy(() -> store().append(id, "dave", turn("three", T0)))
        .isInstanceOf(SessionOwnershipException.class);
  }

  @Test
  void numbersConcurrentTurnsOfOneNewSessionWithoutGapsOrLoss() throws Exception {
    String id = id();
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
                        .forEach(i -> store().append(id, null, turn(writer + "-" + i, T0)))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Session session = all(id);
    assertThat(session.turnCount()).isEqualTo(writers * each);
    assertThat(session.turns())
        .extracting(Turn::seq)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, writers * each).boxed().toList());
    assertThat(session.turns()).extracting(Turn::query).doesNotHaveDuplicates();
  }

  @Test
  void keepsSessionsApart() {
    String one = id();
    String two = id();
    store().append(one, "alice", turn("one", T0));
    store().append(two, "bob", turn("two", T0));

    assertThat(all(one).turns()).extracting(Turn::query).containsExactly("one");
    assertThat(all(two).turns()).extracting(Turn::query).containsExactly("two");
  }

  @Test
  void deletesASessionWithItsTurnsOnce() {
    String id = id();
    store().append(id, null, turn("one", T0));
    store().append(id, null, turn("two", T0));

    assertThat(store().delete(id)).isTrue();
    assertThat(store().find(id, 10, null)).isEmpty();
    assertThat(store().delete(id)).isFalse();
    // The id is free again and starts from turn 1.
    assertThat(store().append(id, "erin", turn("again", T0)).seq()).isEqualTo(1);
  }

  @Test
  void deletesOnlySessionsInactiveSinceTheCutoff() {
    Instant now = Instant.now();
    String idle = id();
    String active = id();
    store().append(idle, null, turn("old", now.minusSeconds(3 * 86_400)));
    store().append(active, null, turn("old", now.minusSeconds(3 * 86_400)));
    store().append(active, null, turn("recent", now.minusSeconds(60)));

    assertThat(store().deleteInactiveSince(now.minusSeconds(86_400))).isPositive();
    assertThat(store().find(idle, 10, null)).isEmpty();
    assertThat(all(active).turns()).hasSize(2);
  }

  @Test
  void findsNothingForAnUnknownId() {
    assertThat(store().find(id(), 10, null)).isEmpty();
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
