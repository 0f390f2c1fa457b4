package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final InMemorySessionStore store = new InMemorySessionStore();

  private static Turn turn(String query, Instant at) {
    return new Turn(
        query, "answer to " + query, "local", "answered", List.of("Emotion"), 0.9, 7, at);
  }

  @Test
  void createsASessionWithItsFirstTurn() {
    store.append("s1", "alice", turn("one", T0));

    Session session = store.find("s1").orElseThrow();
    assertThat(session.id()).isEqualTo("s1");
    assertThat(session.userId()).isEqualTo("alice");
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0);
    assertThat(session.turns()).extracting(Turn::query).containsExactly("one");
  }

  @Test
  void appendsTurnsInOrderAndMovesUpdatedAt() {
    store.append("s1", "alice", turn("one", T0));
    store.append("s1", "alice", turn("two", T0.plusSeconds(5)));
    store.append("s1", null, turn("three", T0.plusSeconds(9)));

    Session session = store.find("s1").orElseThrow();
    assertThat(session.turns()).extracting(Turn::query).containsExactly("one", "two", "three");
    assertThat(session.createdAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(session.userId()).isEqualTo("alice");
  }

  @Test
  void refusesAnotherUsersTurnAndKeepsTheSession() {
    store.append("s1", "alice", turn("one", T0));

    assertThatThrownBy(() -> store.append("s1", "bob", turn("two", T0)))
        .isInstanceOf(SessionOwnershipException.class)
        .hasMessage("session s1 belongs to another user");
    assertThat(store.find("s1").orElseThrow().turns()).hasSize(1);
  }

  @Test
  void letsTheFirstNamedUserAdoptAnAnonymousSession() {
    store.append("s1", null, turn("one", T0));
    store.append("s1", "carol", turn("two", T0));

    assertThat(store.find("s1").orElseThrow().userId()).isEqualTo("carol");
    assertThatThrownBy(() -> store.append("s1", "dave", turn("three", T0)))
        .isInstanceOf(SessionOwnershipException.class);
  }

  @Test
  void keepsSessionsApart() {
    store.append("s1", "alice", turn("one", T0));
    store.append("s2", "bob", turn("two", T0));

    assertThat(store.find("s1").orElseThrow().turns())
        .extracting(Turn::query)
        .containsExactly("one");
    assertThat(store.find("s2").orElseThrow().turns())
        .extracting(Turn::query)
        .containsExactly("two");
  }

  @Test
  void deletesASessionOnce() {
    store.append("s1", null, turn("one", T0));

    assertThat(store.delete("s1")).isTrue();
    assertThat(store.find("s1")).isEmpty();
    assertThat(store.delete("s1")).isFalse();
  }

  @Test
  void findsNothingForAnUnknownId() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void namesItsBackend() {
    assertThat(store.backend()).isEqualTo("memory");
  }

  @Test
  void returnsImmutableCopies() {
    List<Turn> turns = new ArrayList<>(List.of(turn("one", T0)));
    List<String> dimensions = new ArrayList<>(List.of("Emotion"));
    Session session = new Session("s", null, T0, T0, turns);
    Turn turn = new Turn("q", "a", "local", "answered", dimensions, null, 0, T0);
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
    assertThatThrownBy(() -> new Turn(null, "a", "local", "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn("q", null, "local", "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn("q", "a", null, "answered", none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn("q", "a", "local", null, none, null, 0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Turn("q", "a", "local", "answered", none, null, 0, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session(null, null, T0, T0, List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session("s", null, null, T0, List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Session("s", null, T0, null, List.of()))
        .isInstanceOf(NullPointerException.class);
  }
}
