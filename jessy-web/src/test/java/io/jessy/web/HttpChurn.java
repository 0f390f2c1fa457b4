package io.jessy.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Load that ends the way a load tool's run ends: {@code connections} keep-alive clients send one
 * request after another for a while, then each sends one more and hangs up without reading the
 * answer. And clients that open an event stream and leave after its first event. Plain sockets (JDK
 * only), so that "hang up" means exactly that: the connection closes with a request in flight. Used
 * by the gateway's tests and the black-box suite.
 */
public final class HttpChurn {

  /** The statuses answered during a run (abandoned requests have none) and how many were left. */
  public record Run(Map<Integer, Integer> statuses, int abandoned) {

    public int answered() {
      return statuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Answers outside 2xx; a connection that failed outright counts under status 0. */
    public int non2xx() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() < 200 || e.getKey() > 299)
          .mapToInt(Map.Entry::getValue)
          .sum();
    }
  }

  private final URI base;
  private final Map<String, String> headers;
  private final SSLSocketFactory tls;

  /**
   * @param base the service's base URL, {@code http://host:port}
   * @param headers sent with every request (an API key, say)
   */
  public HttpChurn(URI base, Map<String, String> headers) {
    this(base, headers, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /**
   * @param tls for an {@code https://} base: whom to trust (the host name is verified too)
   */
  public HttpChurn(URI base, Map<String, String> headers, SSLSocketFactory tls) {
    this.base = base;
    this.headers = Map.copyOf(headers);
    this.tls = tls;
  }

  /**
   * {@code connections} clients POST {@code json} to {@code path} back to back for {@code
   * duration}, then each sends one more request and closes its connection at once.
   */
  public Run postThenHangUp(String path, String json, int connections, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    return postThenHangUp(path, json, connections, sent -> System.nanoTime() < end);
  }

  /**
   * {@code connections} clients POST {@code json} to {@code path} {@code answered} times each,
   * waiting for every answer, then send one more request and close their connection at once.
   */
  public Run postThenHangUp(String path, String json, int connections, int answered)
      throws InterruptedException {
    return postThenHangUp(path, json, connections, sent -> sent < answered);
  }

  private Run postThenHangUp(String path, String json, int connections, IntPredicate more)
      throws InterruptedException {
    byte[] request = request("POST", path, json);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<Boolean>> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      clients.add(
          pool.submit(
              () -> {
                try (Socket socket = connect()) {
                  InputStream in = new BufferedInputStream(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  for (int sent = 0; more.test(sent); sent++) {
                    out.write(request);
                    out.flush();
                    statuses.merge(readResponse(in), 1, Integer::sum);
                  }
                  out.write(request);
                  out.flush();
                  return true; // closed with that last request in flight
                } catch (IOException e) {
                  statuses.merge(0, 1, Integer::sum);
                  return false;
                }
              }));
    }
    pool.shutdown();
    int abandoned = 0;
    for (Future<Boolean> client : clients) {
      try {
        abandoned += client.get() ? 1 : 0;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return new Run(new TreeMap<>(statuses), abandoned);
  }

  /**
   * {@code clients} open the event stream at {@code pathAndQuery}, read until its first event and
   * close the connection. Returns how many got that far (a 2xx event stream).
   */
  public int openStreamsThenHangUp(String pathAndQuery, int clients) throws IOException {
    byte[] request = request("GET", pathAndQuery, null);
    int opened = 0;
    for (int i = 0; i < clients; i++) {
      try (Socket socket = connect()) {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String head = readHead(in);
        if (head.startsWith("HTTP/1.1 200")
            && head.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
          String line;
          while ((line = readLine(in)) != null && !line.startsWith("event:")) {
            // the first event's name line ends the wait
          }
          opened += line != null ? 1 : 0;
        }
      }
    }
    return opened;
  }

  private Socket connect() throws IOException {
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    Socket socket;
    if (tls) {
      SSLSocket secure = (SSLSocket) this.tls.createSocket(base.getHost(), port);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      socket = secure;
    } else {
      socket = new Socket(base.getHost(), port);
    }
    socket.setSoTimeout(30_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  private byte[] request(String method, String path, String json) {
    StringBuilder head =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(base.getAuthority())
            .append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    if (json != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** Reads one whole response (Content-Length or chunked body) and returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    String head = readHead(in);
    int status = Integer.parseInt(head.substring(9, 12));
    String lower = head.toLowerCase(Locale.ROOT);
    if (lower.contains("\ntransfer-encoding: chunked")) {
      int size;
      do {
        size = Integer.parseInt(readLine(in).trim(), 16);
        in.skipNBytes(size + 2L);
      } while (size > 0);
    } else {
      int at = lower.indexOf("\ncontent-length:");
      if (at >= 0) {
        int eol = lower.indexOf('\n', at + 1);
        String value = lower.substring(at + 16, eol < 0 ? lower.length() : eol).trim();
        in.skipNBytes(Long.parseLong(value));
      }
    }
    return status;
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      head.append(line).append('\n');
    }
    if (line == null) {
      throw new IOException("the connection closed before a response");
    }
    return head.toString();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
