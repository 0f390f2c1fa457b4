package io.jessy.web.contract;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request and its response, as {@link ApiContract} checks them: whatever client sent it.
 * Header names are compared without case; an absent body is an empty array.
 */
public record Exchange(
    String method,
    URI uri,
    Map<String, List<String>> requestHeaders,
    byte[] requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    byte[] responseBody) {

  public Exchange {
    method = method.toUpperCase(Locale.ROOT);
    requestHeaders = caseless(requestHeaders);
    responseHeaders = caseless(responseHeaders);
    requestBody = requestBody == null ? new byte[0] : requestBody;
    responseBody = responseBody == null ? new byte[0] : responseBody;
  }

  /**
   * An exchange of the JDK's HTTP client: {@code sent} is the body the request carried (null for
   * none), {@code received} the response's body as read.
   */
  public static Exchange of(HttpResponse<?> response, String sent, String received) {
    HttpRequest request = response.request();
    return new Exchange(
        request.method(),
        request.uri(),
        request.headers().map(),
        sent == null ? null : sent.getBytes(StandardCharsets.UTF_8),
        response.statusCode(),
        response.headers().map(),
        received == null ? null : received.getBytes(StandardCharsets.UTF_8));
  }

  Optional<String> requestHeader(String name) {
    return first(requestHeaders, name);
  }

  Optional<String> responseHeader(String name) {
    return first(responseHeaders, name);
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static Map<String, List<String>> caseless(Map<String, List<String>> headers) {
    Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> caseless.merge(name, List.copyOf(values), Exchange::both));
    }
    return caseless;
  }

  private static List<String> both(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
