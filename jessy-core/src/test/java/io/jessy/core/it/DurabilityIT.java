package io.jessy.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.core.ContractCheck;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: the packaged core takes concurrent turns, is killed with SIGKILL
 * while requests are still in flight, and after a restart every turn that was answered 200 is
 * there, in order. Runs on the embedded H2 file and, when {@code JESSY_TEST_DATABASE_URL} names
 * one, on PostgreSQL.
 */
class DurabilityIT {

  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void keepsEveryAcknowledgedTurnOfTheEmbeddedStoreThroughSigkill(@TempDir Path data)
      throws Exception {
    killMidTrafficAndCheck("log", Map.of("JESSY_DATA_DIR", data.toString()));
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "JESSY_TEST_DATABASE_URL", matches = ".+")
  void keepsEveryAcknowledgedTurnOfPostgresqlThroughSigkill() throws Exception {
    killMidTrafficAndCheck(
        "postgresql", Map.of("DATABASE_URL", System.getenv("JESSY_TEST_DATABASE_URL")));
  }

  private void killMidTrafficAndCheck(String name, Map<String, String> env) throws Exception {
    List<Writer> acknowledged = new ArrayList<>();
    AtomicInteger count = new AtomicInteger();
    Core core = Core.start(name + "-1", env);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int w = 0; w < WRITERS; w++) {
        Writer writer = new Writer("writer " + w);
        acknowledged.add(writer);
        writers.submit(() -> writer.write(core.url(), count));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count.get() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      core.kill();
    } finally {
      writers.shutdown();
      assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      core.kill();
    }
    assertThat(count.get())
        .as("turns acknowledged before the kill")
        .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    Core restarted = Core.start(name + "-2", env);
    try {
      for (Writer writer : acknowledged) {
        assertThat(writer.session).as("%s started its session", writer.name).isNotNull();
        List<String> stored = storedQueries(restarted.url(), writer.session);
        List<String> acked = writer.acked;
        // Every acknowledged turn, in order; at most the one in flight at the kill may follow.
        assertThat(stored.subList(0, Math.min(acked.size(), stored.size())))
            .as("session %s", writer.session)
            .containsExactlyElementsOf(acked);
        assertThat(stored.size()).isBetween(acked.size(), acked.size() + 1);
      }
    } finally {
      restarted.stop();
    }
  }

  /** One client's conversation: its session (the core names it) and the turns answered 200. */
  private static final class Writer {
    final String name;
    final List<String> acked = new ArrayList<>();
    volatile String session;

    Writer(String name) {
      this.name = name;
    }

    /** Sends turns until the core dies; records the ones answered 200. */
    void write(String url, AtomicInteger count) {
      for (int i = 0; ; i++) {
        String query = "turn " + i + " of " + name;
        Map<String, String> body =
            session == null
                ? Map.of("query", query)
                : Map.of("query", query, "session_id", session);
        try {
          HttpResponse<String> response =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          ContractCheck.CORE.checked(response, JSON.writeValueAsString(body));
          if (response.statusCode() != 200) {
            throw new AssertionError(
                "unexpected " + response.statusCode() + ": " + response.body());
          }
          if (session == null) {
            session = JSON.readTree(response.body()).get("session_id").asText();
          }
          acked.add(query);
          count.incrementAndGet();
        } catch (IOException e) {
          return; // the core is gone: this turn was never acknowledged
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static List<String> storedQueries(String url, String session) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/sessions/" + session + "?limit=1000"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ContractCheck.CORE.checked(response);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> queries = new ArrayList<>();
    for (JsonNode turn : JSON.readTree(response.body()).get("turns")) {
      queries.add(turn.get("query").asText());
    }
    return queries;
  }

  /** The packaged service as a child process on a free port. */
  private record Core(Process process, String url) {

    static Core start(String name, Map<String, String> env) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = Path.of("target", "durability-" + name + ".log");
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  System.getProperty("jessy.core.app"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = new HashMap<>(env);
      environment.put("JESSY_PORT", String.valueOf(port));
      builder.environment().putAll(environment);
      Core core = new Core(builder.start(), "http://127.0.0.1:" + port);
      core.awaitReady(log);
      return core;
    }

    private void awaitReady(Path log) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("core exited during start-up:\n" + Files.readString(log));
        }
        try {
          HttpResponse<Void> ready =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create(url + "/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (ready.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      process.destroyForcibly();
      throw new AssertionError("core not ready after 90 s:\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
