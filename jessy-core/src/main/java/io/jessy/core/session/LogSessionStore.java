package io.jessy.core.session;

import io.jessy.web.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * The embedded session store: one append-only file of records ({@value #FILE} in the data
 * directory) and an index of it in memory.
 *
 * <p><b>Durable.</b> Writes queue up for one writer thread, which appends everything queued
 * meanwhile in one write, forces the file to disk once ({@code fdatasync}) and only then answers: a
 * write returns when its turn is on disk, and under load many turns share one flush. <b>Small.</b>
 * A turn is one record of its own bytes (about 400 for a typical answer), nothing is rewritten, and
 * a session's later turns add only themselves. <b>Crash-safe.</b> Every record carries its length
 * and a CRC32C; at start the file is replayed into the index, and a torn or corrupt tail (a crash
 * mid-write) is cut off, losing only writes that were never acknowledged. <b>Bounded.</b> Deleted
 * sessions (by a client or by retention) leave dead records; once they are most of a large file,
 * the writer rewrites the live ones into a new file and swaps it in atomically.
 *
 * <p>Record: {@code int length, int crc32c, byte type, body}; types START (a new session with its
 * first turn), TURN and DELETE. Sessions belong to a principal and, within it, to a user id, as in
 * {@link SessionStore}.
 */
public final class LogSessionStore implements SessionStore, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LogSessionStore.class);

  public static final String FILE = "sessions.log";

  private static final byte START = 1;
  private static final byte TURN = 2;
  private static final byte DELETE = 3;
  private static final int HEADER = 8;

  /** Larger records are corruption: a turn is at most 10 000 + a model's answer of characters. */
  private static final int MAX_RECORD = 16 << 20;

  /** Compaction starts when dead records are over half of a file of at least this size. */
  private static final long COMPACT_AFTER = 64L << 20;

  private static final int MAX_BATCH = 512;
  private static final long WAIT_SECONDS = 30;

  private final Path file;
  private final String location;
  private final long compactAfter;
  private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

  /** Readers against the file swap of a compaction. */
  private final ReadWriteLock swap = new ReentrantReadWriteLock();

  private final Thread writer;
  private volatile FileChannel channel;
  private volatile boolean closed;

  /** The file's length and the bytes in it of deleted sessions; the writer's alone. */
  private long size;

  private long dead;

  /** One session in the index. Fields after {@code created} change under the entry's lock. */
  private static final class Entry {
    final String id;
    final String principal;
    final Instant created;
    String userId;
    Instant updated;
    int count;
    long[] offsets = new long[2];
    long bytes;

    Entry(String id, String principal, String userId, Instant created) {
      this.id = id;
      this.principal = principal;
      this.userId = userId;
      this.created = created;
      this.updated = created;
    }

    synchronized void add(long offset, int length, Instant at, String user) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count++] = offset;
      bytes += length;
      updated = at;
      if (user != null) {
        userId = user;
      }
    }
  }

  /** What a group's writes did to one session, applied to the index once they are on disk. */
  private static final class Draft {
    final Entry entry;
    final String principal;
    String userId;
    int count;
    boolean deleted;
    final List<long[]> added = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();
    final List<String> users = new ArrayList<>();

    Draft(Entry entry, String principal, String userId, int count) {
      this.entry = entry;
      this.principal = principal;
      this.userId = userId;
      this.count = count;
    }
  }

  /** One group of writes: the bytes to append and their effect on the index. */
  private final class Group {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Map<String, Draft> drafts = new HashMap<>();

    Draft draft(String id) {
      return drafts.computeIfAbsent(
          id,
          key -> {
            Entry e = sessions.get(key);
            if (e == null) {
              return null;
            }
            synchronized (e) {
              return new Draft(e, e.principal, e.userId, e.count);
            }
          });
    }

    /** Appends a record; returns its offset in the file once written. */
    long append(byte[] record) {
      long offset = size + bytes.size();
      bytes.writeBytes(record);
      return offset;
    }
  }

  @FunctionalInterface
  private interface Write {
    Object apply(Group group);
  }

  private record Pending(Write write, CompletableFuture<Object> done) {}

  /**
   * Opens (or creates) the store in {@code directory}, replaying its file.
   *
   * @throws UncheckedIOException if the file cannot be opened or read
   */
  public LogSessionStore(Path directory) {
    this(directory, COMPACT_AFTER);
  }

  LogSessionStore(Path directory, long compactAfter) {
    this.file = directory.resolve(FILE);
    this.location = "log:" + file;
    this.compactAfter = compactAfter;
    try {
      Files.createDirectories(directory);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      replay();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the session store " + file, e);
    }
    writer = new Thread(this::writeForever, "jessy-session-log");
    writer.setDaemon(true);
    writer.start();
  }

  // --- writes -----------------------------------------------------------------------------------

  @Override
  public Turn start(String principal, String sessionId, String userId, Turn turn) {
    return (Turn)
        submit(
            group -> {
              if (sessions.containsKey(sessionId) || group.drafts.containsKey(sessionId)) {
                throw new IllegalStateException("session id " + sessionId + " is taken");
              }
              Turn stored = numbered(turn, 1);
              byte[] record = encode(START, sessionId, principal, userId, stored);
              Entry entry = new Entry(sessionId, principal, userId, stored.createdAt());
              Draft draft = new Draft(entry, principal, userId, 1);
              draft.added.add(new long[] {group.append(record), record.length});
              draft.times.add(stored.createdAt());
              draft.users.add(null);
              group.drafts.put(sessionId, draft);
              return stored;
            });
  }

  @Override
  public Turn append(String principal, String sessionId, String userId, Turn turn) {
    return (Turn)
        submit(
            group -> {
              Draft draft = group.draft(sessionId);
              if (draft == null || draft.deleted || !draft.principal.equals(principal)) {
                throw new SessionNotFoundException(sessionId);
              }
              if (userId != null && draft.userId != null && !userId.equals(draft.userId)) {
                throw new SessionOwnershipException(sessionId);
              }
              String adopted = draft.userId == null ? userId : null;
              Turn stored = numbered(turn, draft.count + 1);
              byte[] record = encode(TURN, sessionId, null, adopted, stored);
              draft.count++;
              if (adopted != null) {
                draft.userId = adopted;
              }
              draft.added.add(new long[] {group.append(record), record.length});
              draft.times.add(stored.createdAt());
              draft.users.add(adopted);
              return stored;
            });
  }

  @Override
  public boolean delete(String principal, String sessionId) {
    return (Boolean)
        submit(
            group -> {
              Draft draft = group.draft(sessionId);
              if (draft == null || draft.deleted || !draft.principal.equals(principal)) {
                return false;
              }
              group.append(deleteRecord(sessionId));
              draft.deleted = true;
              return true;
            });
  }

  @Override
  public int deleteInactiveSince(Instant cutoff) {
    return (Integer)
        submit(
            group -> {
              int deleted = 0;
              for (Entry e : sessions.values()) {
                Draft draft = group.draft(e.id);
                boolean idle;
                synchronized (e) {
                  idle = e.updated.isBefore(cutoff) && draft.added.isEmpty();
                }
                if (idle && !draft.deleted) {
                  group.append(deleteRecord(e.id));
                  draft.deleted = true;
                  deleted++;
                }
              }
              return deleted;
            });
  }

  private Object submit(Write write) {
    if (closed) {
      throw new StoreUnavailableException(new IOException("the session store is closed"));
    }
    CompletableFuture<Object> done = new CompletableFuture<>();
    queue.add(new Pending(write, done));
    return StoreUnavailableException.await(done, WAIT_SECONDS);
  }

  private void writeForever() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
        if (dead > compactAfter && dead * 2 > size) {
          compact();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("session store writer failed", e);
        batch.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException(e)));
      } finally {
        batch.clear();
      }
    }
  }

  /** Runs a group's writes, appends and flushes their records, then publishes and answers them. */
  private void write(List<Pending> batch) {
    Group group = new Group();
    Object[] results = new Object[batch.size()];
    RuntimeException[] refused = new RuntimeException[batch.size()];
    for (int i = 0; i < results.length; i++) {
      try {
        results[i] = batch.get(i).write().apply(group);
      } catch (ApiException | IllegalStateException e) {
        refused[i] = e; // checked before it wrote anything: fails alone
      }
    }
    if (group.bytes.size() > 0) {
      try {
        ByteBuffer buffer = ByteBuffer.wrap(group.bytes.toByteArray());
        FileChannel out = channel;
        long at = size;
        while (buffer.hasRemaining()) {
          at += out.write(buffer, at);
        }
        out.force(false);
        size = at;
      } catch (IOException e) {
        cutBack();
        StoreUnavailableException failure = new StoreUnavailableException(e);
        batch.forEach(p -> p.done().completeExceptionally(failure));
        return;
      }
      publish(group);
    }
    for (int i = 0; i < results.length; i++) {
      if (refused[i] != null) {
        batch.get(i).done().completeExceptionally(refused[i]);
      } else {
        batch.get(i).done().complete(results[i]);
      }
    }
  }

  /** After a failed write: the file ends where the last flushed group ended. */
  private void cutBack() {
    try {
      channel.truncate(size);
    } catch (IOException e) {
      LOG.errorf(e, "cannot cut %s back to %d bytes after a failed write", file, size);
    }
  }

  private void publish(Group group) {
    for (Map.Entry<String, Draft> d : group.drafts.entrySet()) {
      Draft draft = d.getValue();
      Entry entry = draft.entry;
      for (int i = 0; i < draft.added.size(); i++) {
        long[] added = draft.added.get(i);
        entry.add(added[0], (int) added[1], draft.times.get(i), draft.users.get(i));
      }
      if (draft.deleted) {
        sessions.remove(d.getKey());
        synchronized (entry) {
          dead += entry.bytes + HEADER + d.getKey().length() + 5;
        }
      } else if (!draft.added.isEmpty()) {
        sessions.putIfAbsent(d.getKey(), entry);
      }
    }
  }

  // --- reads ------------------------------------------------------------------------------------

  @Override
  public void checkOwner(String principal, String sessionId, String userId) {
    Entry e = sessions.get(sessionId);
    if (e == null || !e.principal.equals(principal)) {
      throw new SessionNotFoundException(sessionId);
    }
    synchronized (e) {
      if (userId != null && e.userId != null && !userId.equals(e.userId)) {
        throw new SessionOwnershipException(sessionId);
      }
    }
  }

  @Override
  public Optional<Session> find(String principal, String sessionId, int limit, Integer before) {
    swap.readLock().lock();
    try {
      Entry e = sessions.get(sessionId);
      if (e == null || !e.principal.equals(principal)) {
        return Optional.empty();
      }
      String userId;
      Instant updated;
      int count;
      long[] page;
      synchronized (e) {
        userId = e.userId;
        updated = e.updated;
        count = e.count;
        int end = before == null ? count : Math.min(count, before - 1);
        int from = Math.max(0, end - limit);
        page = Arrays.copyOfRange(e.offsets, from, Math.max(from, end));
      }
      List<Turn> turns = new ArrayList<>(page.length);
      for (long offset : page) {
        turns.add(readTurn(offset));
      }
      return Optional.of(new Session(sessionId, userId, e.created, updated, count, turns));
    } catch (IOException e) {
      throw new StoreUnavailableException(e);
    } finally {
      swap.readLock().unlock();
    }
  }

  @Override
  public void ping() {
    if (closed || !channel.isOpen() || !writer.isAlive()) {
      throw new StoreUnavailableException(new IOException("the session store is not open"));
    }
  }

  @Override
  public String backend() {
    return location;
  }

  /** How many sessions the index holds. */
  int sessionCount() {
    return sessions.size();
  }

  private Turn readTurn(long offset) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body(channel, offset)));
    byte type = in.readByte();
    readString(in); // session id
    if (type == START) {
      readString(in); // principal
    }
    readString(in); // user id
    return readTurnFields(in);
  }

  // --- the file ---------------------------------------------------------------------------------

  /** A record's body at {@code offset}, checked against its CRC. */
  private static byte[] body(FileChannel channel, long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(channel, header, offset);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    if (length <= 0 || length > MAX_RECORD) {
      throw new IOException("bad record length " + length + " at " + offset);
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(channel, body, offset + HEADER);
    if (crc(body.array()) != crc) {
      throw new IOException("bad record checksum at " + offset);
    }
    return body.array();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException("end of file at " + at);
      }
      at += read;
    }
  }

  /** Rebuilds the index from the file; cuts off a torn or corrupt tail. */
  private void replay() throws IOException {
    long length = channel.size();
    long at = 0;
    while (at < length) {
      byte[] body;
      try {
        body = body(channel, at);
      } catch (IOException e) {
        LOG.warnf(
            "%s: %s; dropping the last %d bytes (a write cut short by a crash, never acknowledged)",
            file, e.getMessage(), length - at);
        channel.truncate(at);
        channel.force(true);
        break;
      }
      apply(body, at);
      at += HEADER + body.length;
    }
    size = at;
    LOG.infof("%s: %d sessions, %d bytes", file, sessions.size(), size);
  }

  private void apply(byte[] body, long offset) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    byte type = in.readByte();
    String id = readString(in);
    int length = HEADER + body.length;
    switch (type) {
      case START -> {
        String principal = readString(in);
        String userId = readString(in);
        Turn turn = readTurnFields(in);
        Entry entry = new Entry(id, principal, userId, turn.createdAt());
        entry.add(offset, length, turn.createdAt(), null);
        sessions.put(id, entry);
      }
      case TURN -> {
        String userId = readString(in);
        Turn turn = readTurnFields(in);
        Entry entry = sessions.get(id);
        if (entry == null) {
          dead += length; // a turn of a session deleted later in the file
        } else {
          entry.add(offset, length, turn.createdAt(), userId);
        }
      }
      case DELETE -> {
        Entry entry = sessions.remove(id);
        dead += length + (entry == null ? 0 : entry.bytes);
      }
      default -> throw new IOException("unknown record type " + type + " at " + offset);
    }
  }

  /**
   * Rewrites the live sessions' records into a new file and swaps it in: written and forced first,
   * then moved over the old one atomically, so a crash leaves one whole file or the other.
   */
  private void compact() {
    Path next = file.resolveSibling(FILE + ".compact");
    swap.writeLock().lock();
    try (FileChannel out =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      Map<Entry, long[]> moved = new HashMap<>();
      long at = 0;
      for (Entry e : sessions.values()) {
        long[] offsets = Arrays.copyOf(e.offsets, e.count);
        for (int i = 0; i < offsets.length; i++) {
          byte[] body = body(channel, offsets[i]);
          ByteBuffer record = ByteBuffer.allocate(HEADER + body.length);
          record.putInt(body.length).putInt(crc(body)).put(body).flip();
          offsets[i] = at;
          while (record.hasRemaining()) {
            at += out.write(record, at);
          }
        }
        moved.put(e, offsets);
      }
      out.force(true);
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FileChannel old = channel;
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      old.close();
      for (Map.Entry<Entry, long[]> m : moved.entrySet()) {
        synchronized (m.getKey()) {
          System.arraycopy(m.getValue(), 0, m.getKey().offsets, 0, m.getValue().length);
        }
      }
      LOG.infof("%s compacted: %d bytes to %d", file, size, at);
      size = at;
      dead = 0;
    } catch (IOException e) {
      LOG.errorf(e, "compacting %s failed; it stays as it was", file);
    } finally {
      swap.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      channel.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warnf("closing %s: %s", file, e.getMessage());
    }
  }

  // --- encoding ---------------------------------------------------------------------------------

  private static Turn numbered(Turn turn, int seq) {
    return turn.stored(seq, turn.createdAt().truncatedTo(ChronoUnit.MICROS));
  }

  private static byte[] encode(
      byte type, String sessionId, String principal, String userId, Turn turn) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 2 * turn.answer().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(type);
      writeString(out, sessionId);
      if (type == START) {
        writeString(out, principal);
      }
      writeString(out, userId);
      out.writeInt(turn.seq());
      writeString(out, turn.query());
      writeString(out, turn.answer());
      writeString(out, turn.answerSource());
      writeString(out, turn.outcome());
      out.writeShort(turn.dimensions().size());
      for (String dimension : turn.dimensions()) {
        writeString(out, dimension);
      }
      out.writeBoolean(turn.dominantFrequency() != null);
      out.writeDouble(turn.dominantFrequency() == null ? 0 : turn.dominantFrequency());
      out.writeShort(turn.iterations());
      Instant at = turn.createdAt();
      out.writeLong(at.getEpochSecond() * 1_000_000 + at.getNano() / 1000);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return framed(bytes.toByteArray());
  }

  private static byte[] deleteRecord(String sessionId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(DELETE);
      writeString(out, sessionId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return framed(bytes.toByteArray());
  }

  private static byte[] framed(byte[] body) {
    return ByteBuffer.allocate(HEADER + body.length)
        .putInt(body.length)
        .putInt(crc(body))
        .put(body)
        .array();
  }

  private static int crc(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return (int) crc.getValue();
  }

  private static Turn readTurnFields(DataInputStream in) throws IOException {
    int seq = in.readInt();
    String query = readString(in);
    String answer = readString(in);
    String source = readString(in);
    String outcome = readString(in);
    int dimensionCount = in.readShort();
    List<String> dimensions = new ArrayList<>(dimensionCount);
    for (int i = 0; i < dimensionCount; i++) {
      dimensions.add(readString(in));
    }
    boolean hasFrequency = in.readBoolean();
    double frequency = in.readDouble();
    int iterations = in.readShort();
    long micros = in.readLong();
    Instant at =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    return new Turn(
        seq,
        query,
        answer,
        source,
        outcome,
        dimensions,
        hasFrequency ? frequency : null,
        iterations,
        at);
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
