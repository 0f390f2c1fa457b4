package io.jessy.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The services under test. {@code JESSY_CORE_URL} and {@code JESSY_API_URL} (environment or system
 * property) point the suite at a running stack, whose API keys are {@code JESSY_API_KEYS}
 * (comma-separated) and whose per-client rate limit is {@code JESSY_API_RPS} (its RATE_LIMIT_RPS;
 * 50 when unset). When neither URL is set, the suite starts jessy-core and jessy-api itself from
 * their built {@code quarkus-run.jar} on free loopback ports, with two API keys of its own, writes
 * their logs to {@code jessy-test/target/stack/}, and stops them when the run ends. Only then can
 * it stop and restart the core ({@link #controlsCore()}).
 */
final class Stack {

  static final List<String> LOCAL_KEYS = List.of("suite-key-1", "suite-key-2");
  private static final int LOCAL_RPS = 50;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Stack current;
  private static RuntimeException startFailure;

  private final Optional<URI> core;
  private final Optional<URI> api;
  private final List<String> apiKeys;
  private final int apiRps;
  private final Service coreProcess;
  private final Service apiProcess;

  private Stack(
      Optional<URI> core,
      Optional<URI> api,
      List<String> apiKeys,
      int apiRps,
      Service coreProcess,
      Service apiProcess) {
    this.core = core;
    this.api = api;
    this.apiKeys = apiKeys;
    this.apiRps = apiRps;
    this.coreProcess = coreProcess;
    this.apiProcess = apiProcess;
  }

  /** The stack for this run, started on first use when the suite runs it itself. */
  static synchronized Stack get() {
    if (startFailure != null) {
      throw startFailure; // once is enough: every scenario would otherwise wait for it again
    }
    if (current == null) {
      Optional<String> coreUrl = setting("JESSY_CORE_URL");
      Optional<String> apiUrl = setting("JESSY_API_URL");
      current =
          coreUrl.isEmpty() && apiUrl.isEmpty()
              ? startLocalOnce()
              : new Stack(
                  coreUrl.map(Stack::baseUri),
                  apiUrl.map(Stack::baseUri),
                  setting("JESSY_API_KEYS").map(Stack::keys).orElse(List.of()),
                  setting("JESSY_API_RPS").map(Integer::parseInt).orElse(LOCAL_RPS),
                  null,
                  null);
    }
    return current;
  }

  /** Stops the services the suite started, if it started any. */
  static synchronized void shutdown() {
    if (current != null) {
      current.stop();
    }
  }

  /** Base URL of the core; empty when the suite was pointed at a gateway only. */
  Optional<URI> core() {
    return core;
  }

  /** Base URL of the gateway; empty when the suite was pointed at a core only. */
  Optional<URI> api() {
    return api;
  }

  /** The gateway's API keys; empty when it needs none. */
  List<String> apiKeys() {
    return apiKeys;
  }

  /** Requests per second the gateway allows one client once its burst is spent. */
  int apiRps() {
    return apiRps;
  }

  boolean controlsCore() {
    return coreProcess != null;
  }

  void stopCore() {
    coreProcess.stop();
  }

  /** Starts the core again (if stopped) and waits until it is ready. */
  void startCore() {
    if (!coreProcess.running()) {
      coreProcess.start();
    }
  }

  synchronized void stop() {
    if (apiProcess != null) {
      apiProcess.stop();
    }
    if (coreProcess != null) {
      coreProcess.stop();
    }
  }

  private static Stack startLocalOnce() {
    try {
      return startLocal();
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  private static Stack startLocal() {
    Path root = repositoryRoot();
    Path logs = root.resolve("jessy-test/target/stack");
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int corePort = freePort();
    int apiPort = freePort();
    URI core = URI.create("http://127.0.0.1:" + corePort);
    URI api = URI.create("http://127.0.0.1:" + apiPort);
    // The gateway tells the core who is asking, signed with a secret made up for this run.
    String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    Service coreProcess =
        new Service(
            "jessy-core",
            root.resolve("jessy-core/target/quarkus-app/quarkus-run.jar"),
            logs,
            Map.of(
                "JESSY_PORT",
                String.valueOf(corePort),
                "LOG_FORMAT",
                "text",
                "GATEWAY_SECRET",
                secret,
                // Keeps the core's embedded database, where it has one, inside target/.
                "JESSY_DATA_DIR",
                logs.resolve("core-data").toString()),
            core.resolve("/health/ready"));
    Service apiProcess =
        new Service(
            "jessy-api",
            root.resolve("jessy-api/target/quarkus-app/quarkus-run.jar"),
            logs,
            Map.of(
                "API_PORT",
                String.valueOf(apiPort),
                "CORE_SERVICE_URL",
                core.toString(),
                "API_KEYS",
                String.join(",", LOCAL_KEYS),
                "GATEWAY_SECRET",
                secret,
                "RATE_LIMIT_RPS",
                String.valueOf(LOCAL_RPS),
                "RATE_LIMIT_BURST",
                "20",
                "UPSTREAM_TIMEOUT",
                "5s",
                "LOG_FORMAT",
                "text"),
            api.resolve("/api/health/ready"));
    Stack stack =
        new Stack(
            Optional.of(core), Optional.of(api), LOCAL_KEYS, LOCAL_RPS, coreProcess, apiProcess);
    // A run cut short (Ctrl-C, a crash) must not leave the services behind.
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "stop-jessy-stack"));
    coreProcess.start();
    apiProcess.start();
    return stack;
  }

  /** How a {@link #launch} went: ready (and stopped again), or refused, with what it printed. */
  record Launch(boolean ready, String output) {}

  /** Another instance of a service, started by {@link #start}: its base URL and its log. */
  record Instance(URI url, Path log, Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }

    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static int launches;

  /**
   * Starts one more instance of {@code service} (jessy-core or jessy-api) from its jar on a free
   * port with exactly {@code environment} (plus its port, a data directory of its own and, unless
   * given, this stack's core for a gateway) and waits until it is ready; the caller closes it. Only
   * when the suite runs the services itself ({@link #controlsCore()}).
   *
   * @throws IllegalStateException if it exits or is not ready in time (it is stopped then)
   */
  Instance start(String service, Map<String, String> environment) {
    Path root = repositoryRoot();
    Path logs = root.resolve("jessy-test/target/stack");
    int port = freePort();
    int n;
    synchronized (Stack.class) {
      n = ++launches;
    }
    Map<String, String> env = new java.util.HashMap<>(environment);
    boolean isCore = service.equals("jessy-core");
    env.put(isCore ? "JESSY_PORT" : "API_PORT", String.valueOf(port));
    if (isCore) {
      env.put("JESSY_DATA_DIR", logs.resolve("launch-" + n).toString());
    } else {
      env.putIfAbsent("CORE_SERVICE_URL", core.orElseThrow().toString());
    }
    String name = service + "-launch-" + n;
    URI url = URI.create("http://127.0.0.1:" + port);
    Service launched =
        new Service(
            name,
            root.resolve(service + "/target/quarkus-app/quarkus-run.jar"),
            logs,
            env,
            url.resolve(isCore ? "/health/ready" : "/api/health/ready"));
    try {
      launched.start();
    } catch (IllegalStateException e) {
      launched.stop();
      throw e;
    }
    return new Instance(url, logs.resolve(name + ".log"), launched::stop);
  }

  /** Starts an instance as {@link #start} does, and stops it again: did it start? */
  Launch launch(String service, Map<String, String> environment) {
    Path logs = repositoryRoot().resolve("jessy-test/target/stack");
    int before;
    synchronized (Stack.class) {
      before = launches;
    }
    try (Instance instance = start(service, environment)) {
      return new Launch(true, instance.output());
    } catch (IllegalStateException e) {
      try {
        return new Launch(
            false, Files.readString(logs.resolve(service + "-launch-" + (before + 1) + ".log")));
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    }
  }

  /** The directory holding jessy-core/ and jessy-api/, found upwards from the working directory. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("jessy-core"))
          && Files.isDirectory(dir.resolve("jessy-api"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the repository root (with jessy-core/ and jessy-api/) above "
            + Path.of("").toAbsolutePath()
            + "; set JESSY_CORE_URL and JESSY_API_URL to test a running stack instead.");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<String> setting(String name) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static URI baseUri(String url) {
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  private static List<String> keys(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
  }

  /** One service run from its jar; its output goes to {@code <name>.log}, restarts appended. */
  private static final class Service {
    private final String name;
    private final Path jar;
    private final Path directory;
    private final Map<String, String> environment;
    private final URI ready;
    private Process process;
    private boolean startedBefore;

    Service(String name, Path jar, Path directory, Map<String, String> environment, URI ready) {
      this.name = name;
      this.jar = jar;
      this.directory = directory;
      this.environment = environment;
      this.ready = ready;
    }

    synchronized boolean running() {
      return process != null && process.isAlive();
    }

    synchronized void start() {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar
                + " is missing; build it first: ./mvnw -pl jessy-core,jessy-api -am package"
                + " -DskipTests");
      }
      Path log = directory.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  startedBefore
                      ? ProcessBuilder.Redirect.appendTo(log.toFile())
                      : ProcessBuilder.Redirect.to(log.toFile()));
      // Only what the service needs: no LLM_BASE_URL, DATABASE_URL or port from the caller's shell.
      Map<String, String> env = builder.environment();
      env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
      env.putAll(environment);
      env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      try {
        process = builder.start();
        startedBefore = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + name, e);
      }
      awaitReady(log);
    }

    private void awaitReady(Path log) {
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " exited with " + process.exitValue() + " while starting; see " + log);
        }
        try {
          HttpResponse<Void> response =
              HTTP.send(
                  HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // Not listening yet.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        pause();
      }
      throw new IllegalStateException(
          name + " was not ready at " + ready + " within " + READY_TIMEOUT + "; see " + log);
    }

    /** SIGTERM, then a kill if it has not exited within {@link #STOP_GRACE}. */
    synchronized void stop() {
      if (process == null || !process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    private static void pause() {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
