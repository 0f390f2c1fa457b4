package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: the contract, and what an append-only file must survive. */
class LogSessionStoreTest extends SessionStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.000001Z");

  @TempDir Path directory;

  private LogSessionStore store;

  @BeforeEach
  void open() {
    store = new LogSessionStore(directory);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  SessionStore store() {
    return store;
  }

  private LogSessionStore reopen() {
    store.close();
    store = new LogSessionStore(directory);
    return store;
  }

  private Path file() {
    return directory.resolve(LogSessionStore.FILE);
  }

  private List<String> queries(String id) {
    return store.find(ALICE, id, SessionStore.MAX_PAGE, null).orElseThrow().turns().stream()
        .map(Turn::query)
        .toList();
  }

  @Test
  void namesItsFile() {
    assertThat(store.backend()).isEqualTo("log:" + file());
  }

  @Test
  void readsBackEverythingAfterAReopen() {
    String kept = id();
    String adopted = id();
    String deleted = id();
    store.start(ALICE, kept, "u-1", turn("one", T0));
    store.append(ALICE, kept, null, turn("two", T0.plusSeconds(1)));
    store.start(ALICE, adopted, null, turn("hello", T0));
    store.append(ALICE, adopted, "carol", turn("it's carol", T0.plusSeconds(2)));
    store.start(BOB, deleted, null, turn("gone", T0));
    store.delete(BOB, deleted);
    Session before = store.find(ALICE, kept, 10, null).orElseThrow();

    reopen();

    assertThat(store.find(ALICE, kept, 10, null)).contains(before);
    assertThat(store.find(ALICE, adopted, 10, null).orElseThrow().userId()).isEqualTo("carol");
    assertThat(store.find(BOB, deleted, 10, null)).isEmpty();
    assertThat(store.append(ALICE, kept, "u-1", turn("three", T0)).seq()).isEqualTo(3);
    assertThat(queries(kept)).containsExactly("one", "two", "three");
  }

  @Test
  void cutsOffATailTornByACrashAndKeepsEverythingBeforeIt() throws IOException {
    String id = id();
    store.start(ALICE, id, null, turn("one", T0));
    store.append(ALICE, id, null, turn("two", T0));
    store.close();
    long whole = Files.size(file());
    // A record that announces 500 bytes of which only 10 reached the disk.
    try (FileChannel out = FileChannel.open(file(), StandardOpenOption.APPEND)) {
      out.write(ByteBuffer.allocate(18).putInt(500).putInt(42).put(new byte[10]).flip());
    }

    store = new LogSessionStore(directory);

    assertThat(Files.size(file())).isEqualTo(whole);
    assertThat(queries(id)).containsExactly("one", "two");
    store.append(ALICE, id, null, turn("three", T0));
    assertThat(reopen().find(ALICE, id, 10, null).orElseThrow().turnCount()).isEqualTo(3);
  }

  @Test
  void dropsARecordWhoseChecksumFails() throws IOException {
    String id = id();
    store.start(ALICE, id, null, turn("one", T0));
    long first = Files.size(file());
    store.append(ALICE, id, null, turn("two", T0));
    store.close();
    try (FileChannel out = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(new byte[] {'X'}), Files.size(file()) - 3);
    }

    store = new LogSessionStore(directory);

    assertThat(Files.size(file())).isEqualTo(first);
    assertThat(queries(id)).containsExactly("one");
  }

  @Test
  void compactsTheFileOnceDeletedSessionsAreMostOfItAndKeepsTheRest() throws IOException {
    store.close();
    store = new LogSessionStore(directory, 4096);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = id();
      ids.add(id);
      store.start(ALICE, id, null, turn("question " + i, T0));
      store.append(ALICE, id, null, turn("again " + i, T0));
    }
    long full = Files.size(file());
    for (String id : ids.subList(0, 35)) {
      store.delete(ALICE, id);
    }

    store.append(ALICE, ids.get(39), null, turn("after", T0)); // the writer compacts after a group

    assertThat(Files.size(file())).isLessThan(full / 2);
    assertThat(queries(ids.get(36))).containsExactly("question 36", "again 36");
    assertThat(queries(ids.get(39))).containsExactly("question 39", "again 39", "after");
    reopen();
    assertThat(store.sessionCount()).isEqualTo(5);
    assertThat(queries(ids.get(39))).containsExactly("question 39", "again 39", "after");
  }

  /** The size of the format, not a speed: a typical new session's turn stays under a kilobyte. */
  @Test
  void storesATypicalTurnInUnderAKilobyte() throws IOException {
    Turn typical =
        new Turn(
            0,
            "I have been feeling sad and lonely since my friend moved away",
            "This touches Emotion most, and also Social Context. Together they resonate at 0.97 Hz,"
                + " slow and contemplative. Crystallising around Emotion at 0.97 Hz. I feel settled"
                + " in this view (confidence 0.96).",
            "local",
            "answered",
            List.of("Emotion", "Social Context"),
            0.975,
            7,
            T0);
    for (int i = 0; i < 1000; i++) {
      store.start("anonymous", id(), null, typical);
    }

    assertThat(Files.size(file()) / 1000).isLessThan(1024);
  }
}
