package io.jessy.web.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3.1 document as a test oracle: {@link #check} fails an {@link Exchange} that
 * the document does not describe. Checked, for a path the document covers ({@link #covering}):
 *
 * <ul>
 *   <li>the path and method are documented (HEAD as GET without a body); an undocumented one may
 *       only be answered, as a {@code Problem}, with 404, 405 or a refusal that comes before
 *       routing ({@link #ANYWHERE});
 *   <li>CORS preflights are not checked: the browser's protocol, not an operation;
 *   <li>the status is documented for the operation;
 *   <li>the response's content type is one the document lists for that status, and a body is sent
 *       exactly when the document describes one;
 *   <li>the body matches the schema (JSON Schema 2020-12 with the OpenAPI vocabulary and {@code
 *       format} asserted, so {@code additionalProperties: false} makes an undocumented field fail),
 *       a problem's {@code status} is the response's, and a stream ends between events, has at
 *       least one, and each is one of the media type's {@code x-sse-events} with data matching that
 *       event's schema;
 *   <li>every required response header is present, none documented is sent twice, and each that is
 *       present matches its schema;
 *   <li>the request: path, query and header parameters and the JSON body against their schemas. A
 *       request the document rejects must be answered with a 4xx — that is how the document
 *       describes bad input — or a 503/504 from a gateway that refused before reading it.
 * </ul>
 *
 * Bodies are validated by networknt's json-schema-validator against the document itself, so {@code
 * $ref}s resolve as any OpenAPI tool resolves them.
 */
public final class ApiContract {

  /** The document's name for the schema registry; never fetched. */
  private static final String DOCUMENT = "urn:jessy:openapi";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * What may answer a path or method the document does not have: 404 and 405, and the refusals that
   * come before routing (API key, HTTPS, content negotiation, body limit, rate limit, core down).
   */
  private static final Set<Integer> ANYWHERE =
      new java.util.TreeSet<>(List.of(401, 403, 404, 405, 406, 413, 415, 429, 503, 504));

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final Predicate<String> covered;
  private final Set<String> exemptHeaders;

  private ApiContract(
      JsonNode document,
      SchemaRegistry registry,
      Predicate<String> covered,
      Set<String> exemptHeaders) {
    this.document = document;
    this.registry = registry;
    this.covered = covered;
    this.exemptHeaders = exemptHeaders;
    document
        .path("paths")
        .fieldNames()
        .forEachRemaining(template -> routes.add(Route.of(template)));
    // A literal path wins over a template that also matches it.
    routes.sort(Comparator.comparing(route -> !route.names().isEmpty()));
  }

  /**
   * Reads an OpenAPI document (YAML or JSON); every path under {@code /api/} but {@code /api/docs}
   * is covered.
   */
  public static ApiContract load(InputStream yaml) {
    try (yaml) {
      JsonNode document = new YAMLMapper().readTree(yaml);
      String text = JSON.writeValueAsString(document);
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(
              Dialects.getOpenApi31(),
              builder ->
                  builder
                      .schemas(Map.of(DOCUMENT, text))
                      // `format` asserts (date-time, …), not only annotates as 2020-12 has it.
                      .schemaRegistryConfig(
                          SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
      return new ApiContract(document, registry, ApiContract::isApi, Set.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document", e);
    }
  }

  /** Everything under {@code /api/} but the reference page (HTML for people, not the API). */
  private static boolean isApi(String path) {
    return path.startsWith("/api/") && !path.equals("/api/docs") && !path.startsWith("/api/docs/");
  }

  /** Reads the document from the class path, e.g. {@code META-INF/openapi.yaml}. */
  public static ApiContract fromClasspath(String resource) {
    InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the class path");
    }
    return load(in);
  }

  /** The same contract, checking only exchanges whose path {@code covered} accepts. */
  public ApiContract covering(Predicate<String> covered) {
    return new ApiContract(document, registry, covered, exemptHeaders);
  }

  /**
   * The same contract, not requiring these response headers: for a service behind the documented
   * one (the core answers the gateway, which adds its own headers).
   */
  public ApiContract notRequiring(Set<String> headers) {
    Set<String> exempt = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    exempt.addAll(headers);
    return new ApiContract(document, registry, covered, exempt);
  }

  /** Fails with every way {@code exchange} departs from the document. */
  public void check(Exchange exchange) {
    List<String> violations = violations(exchange);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          exchange.method()
              + " "
              + exchange.uri().getRawPath()
              + (exchange.uri().getRawQuery() == null ? "" : "?" + exchange.uri().getRawQuery())
              + " → "
              + exchange.status()
              + " breaks the API contract (META-INF/openapi.yaml):\n  - "
              + String.join("\n  - ", violations)
              + "\n  response body: "
              + abbreviate(new String(exchange.responseBody(), StandardCharsets.UTF_8)));
    }
  }

  /** Checks an exchange of the JDK's client whose request had no body; returns the response. */
  public HttpResponse<String> checked(HttpResponse<String> response) {
    return checked(response, null);
  }

  /** Checks an exchange of the JDK's client that sent {@code sent}; returns the response. */
  public HttpResponse<String> checked(HttpResponse<String> response, String sent) {
    check(Exchange.of(response, sent, response.body()));
    return response;
  }

  /** Every way {@code exchange} departs from the document; empty when it conforms. */
  public List<String> violations(Exchange exchange) {
    String path = exchange.uri().getRawPath();
    if (!covered.test(path)) {
      return List.of();
    }
    if (isPreflight(exchange)) {
      return List.of(); // the browser's CORS protocol, answered before any operation
    }
    List<String> violations = new ArrayList<>();
    Optional<Matched> matched = match(path);
    String method = exchange.method().toLowerCase(Locale.ROOT);
    JsonNode operation = matched.map(m -> operation(m.item(), method)).orElse(null);
    if (operation == null) {
      // Nothing is there: only a refusal that may come before routing may answer, as a problem.
      if (!ANYWHERE.contains(exchange.status())) {
        violations.add(
            (matched.isEmpty() ? "undocumented path" : "undocumented method")
                + " answered "
                + exchange.status()
                + " (only "
                + ANYWHERE
                + " may answer it)");
      }
      checkJsonBody(
          exchange, "application/problem+json", "/components/schemas/Problem", violations);
      return violations;
    }
    Matched route = matched.get();
    String operationPointer =
        "/paths/" + escape(route.template()) + "/" + (route.item().has(method) ? method : "get");

    List<String> badRequest = new ArrayList<>();
    checkRequest(exchange, route, operation, operationPointer, badRequest);
    // The gateway may refuse before reading the request (core down, breaker open, timeout).
    boolean refusedUnread = exchange.status() == 503 || exchange.status() == 504;
    if (!badRequest.isEmpty()
        && (exchange.status() < 400 || exchange.status() >= 500 && !refusedUnread)) {
      violations.add(
          "a request the document rejects was answered "
              + exchange.status()
              + ", not a 4xx: "
              + String.join("; ", badRequest));
    }
    checkResponse(exchange, operation, operationPointer, violations);
    return violations;
  }

  private void checkRequest(
      Exchange exchange, Matched route, JsonNode operation, String pointer, List<String> bad) {
    Map<String, List<String>> query = query(exchange.uri().getRawQuery());
    for (Located parameter : parameters(route, operation, pointer)) {
      JsonNode node = parameter.node();
      String name = node.path("name").asText();
      String in = node.path("in").asText();
      Optional<String> value =
          switch (in) {
            case "path" -> Optional.ofNullable(route.parameters().get(name));
            case "query" ->
                Optional.ofNullable(query.get(name))
                    .map(values -> values.get(0))
                    .filter(v -> !v.isEmpty() || !node.path("allowEmptyValue").asBoolean());
            case "header" -> exchange.requestHeader(name);
            default -> Optional.empty();
          };
      if (value.isEmpty()) {
        if (node.path("required").asBoolean()) {
          bad.add("missing " + in + " parameter " + name);
        }
        continue;
      }
      String schema = parameter.pointer() + "/schema";
      for (String error : validate(schema, scalar(value.get(), resolve(schema).node()))) {
        bad.add(in + " parameter " + name + ": " + error);
      }
    }
    if (!operation.has("requestBody")) {
      return;
    }
    Located body = resolve(pointer + "/requestBody");
    if (exchange.requestBody().length == 0) {
      if (body.node().path("required").asBoolean()) {
        bad.add("missing request body");
      }
      return;
    }
    String type = mediaType(exchange.requestHeader("Content-Type").orElse(""));
    if (!body.node().path("content").has(type)) {
      bad.add("request content type '" + type + "' is not documented");
      return;
    }
    String schema = body.pointer() + "/content/" + escape(type) + "/schema";
    String text = new String(exchange.requestBody(), StandardCharsets.UTF_8);
    if (isJson(type)) {
      for (String error : validateJson(schema, text)) {
        bad.add("request body: " + error);
      }
    }
  }

  private void checkResponse(
      Exchange exchange, JsonNode operation, String operationPointer, List<String> violations) {
    String status = String.valueOf(exchange.status());
    JsonNode responses = operation.path("responses");
    String key =
        responses.has(status)
            ? status
            : responses.has(status.charAt(0) + "XX")
                ? status.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
    if (key == null) {
      violations.add(
          "status "
              + status
              + " is not documented (documented: "
              + String.join(", ", list(responses.fieldNames()))
              + ")");
      return;
    }
    Located response = resolve(operationPointer + "/responses/" + key);
    checkHeaders(exchange, response, violations);

    JsonNode content = response.node().path("content");
    boolean hasBody = exchange.responseBody().length > 0;
    if (content.isMissingNode() || content.isEmpty()) {
      if (hasBody) {
        violations.add("a body is sent, but the document describes none for " + status);
      }
      return;
    }
    if (!hasBody) {
      if (!exchange.method().equals("HEAD")) {
        violations.add("no body, but the document describes one for " + status);
      }
      return;
    }
    String type = mediaType(exchange.responseHeader("Content-Type").orElse(""));
    if (!content.has(type)) {
      violations.add(
          "content type '"
              + type
              + "' is not documented for "
              + status
              + " (documented: "
              + String.join(", ", list(content.fieldNames()))
              + ")");
      return;
    }
    String media = response.pointer() + "/content/" + escape(type);
    String text = new String(exchange.responseBody(), StandardCharsets.UTF_8);
    if (isJson(type)) {
      validateJson(media + "/schema", text).forEach(e -> violations.add("body: " + e));
      checkProblemStatus(exchange, type, text, violations);
    } else if (type.equals("text/event-stream")) {
      checkEvents(media, text, violations);
    }
  }

  private void checkHeaders(Exchange exchange, Located response, List<String> violations) {
    JsonNode headers = response.node().path("headers");
    for (String name : list(headers.fieldNames())) {
      Located header = resolve(response.pointer() + "/headers/" + escape(name));
      List<String> values = exchange.responseHeaders().getOrDefault(name, List.of());
      if (values.size() > 1) {
        violations.add("response header " + name + " sent " + values.size() + " times");
      }
      Optional<String> value = exchange.responseHeader(name);
      if (value.isEmpty()) {
        if (header.node().path("required").asBoolean() && !exemptHeaders.contains(name)) {
          violations.add("missing response header " + name);
        }
        continue;
      }
      String schema = header.pointer() + "/schema";
      validate(schema, scalar(value.get(), resolve(schema).node()))
          .forEach(e -> violations.add("header " + name + ": " + e));
    }
  }

  /** Each event must be one the media type lists in {@code x-sse-events}, its data that schema. */
  private void checkEvents(String mediaPointer, String stream, List<String> violations) {
    JsonNode events = resolve(mediaPointer).node().path("x-sse-events");
    if (!stream.endsWith("\n\n") && !stream.endsWith("\r\n\r\n") && !stream.endsWith("\r\r")) {
      violations.add("the stream ends inside an event (a client drops it)");
    }
    if (Event.parse(stream).isEmpty()) {
      violations.add("the stream has no event");
    }
    int index = 0;
    for (Event event : Event.parse(stream)) {
      index++;
      if (!events.has(event.name())) {
        violations.add(
            "event "
                + index
                + " '"
                + event.name()
                + "' is not one of "
                + list(events.fieldNames()));
        continue;
      }
      String schema = mediaPointer + "/x-sse-events/" + escape(event.name());
      String where = "event " + index + " '" + event.name() + "': ";
      validateJson(schema, event.data()).forEach(e -> violations.add(where + e));
    }
  }

  private void checkJsonBody(
      Exchange exchange, String type, String schemaPointer, List<String> violations) {
    String actual = mediaType(exchange.responseHeader("Content-Type").orElse(""));
    if (!actual.equals(type)) {
      violations.add("content type '" + actual + "', not " + type);
      return;
    }
    String text = new String(exchange.responseBody(), StandardCharsets.UTF_8);
    validateJson(schemaPointer, text).forEach(e -> violations.add("body: " + e));
    checkProblemStatus(exchange, actual, text, violations);
  }

  /** A problem's {@code status} member is the HTTP status it came with (RFC 9457 §3.1.2). */
  private static void checkProblemStatus(
      Exchange exchange, String type, String text, List<String> violations) {
    if (!type.equals("application/problem+json")) {
      return;
    }
    try {
      JsonNode status = JSON.readTree(text).path("status");
      if (status.isInt() && status.asInt() != exchange.status()) {
        violations.add(
            "the problem says status " + status.asInt() + ", the response " + exchange.status());
      }
    } catch (IOException e) {
      // not JSON: already reported
    }
  }

  private List<String> validateJson(String schemaPointer, String json) {
    try {
      if (JSON.readTree(json).isMissingNode()) {
        return List.of("not JSON: empty");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return List.of("not JSON: " + e.getOriginalMessage());
    }
    return validate(schemaPointer, json);
  }

  private List<String> validate(String schemaPointer, String json) {
    Schema schema =
        schemas.computeIfAbsent(
            schemaPointer,
            pointer -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer)));
    return schema.validate(json, InputFormat.JSON).stream().map(ApiContract::describe).toList();
  }

  /** "/dimensions/0/name: message", or the message alone for the value itself. */
  private static String describe(Error error) {
    String at = error.getInstanceLocation().toString();
    return at.isEmpty() || at.equals("$") ? error.getMessage() : at + ": " + error.getMessage();
  }

  /** A parameter or header value as the JSON its schema expects (HTTP carries only text). */
  private String scalar(String value, JsonNode schema) {
    JsonNode type = schema.path("type");
    boolean numeric =
        type.asText().equals("integer")
            || type.asText().equals("number")
            || (type.isArray() && type.toString().matches(".*\"(integer|number)\".*"));
    if (numeric && value.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      return value;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operation for {@code method}; HEAD is GET without a body (RFC 9110 §9.3.2). */
  private static JsonNode operation(JsonNode item, String method) {
    if (!METHODS.contains(method)) {
      return null;
    }
    JsonNode operation = item.get(method);
    return operation == null && method.equals("head") ? item.get("get") : operation;
  }

  private static boolean isPreflight(Exchange exchange) {
    return exchange.method().equals("OPTIONS")
        && exchange.requestHeader("Origin").isPresent()
        && exchange.requestHeader("Access-Control-Request-Method").isPresent();
  }

  private List<Located> parameters(Matched route, JsonNode operation, String operationPointer) {
    Map<String, Located> byName = new LinkedHashMap<>();
    String itemPointer = "/paths/" + escape(route.template());
    for (String owner : List.of(itemPointer, operationPointer)) {
      JsonNode list = document.at(owner + "/parameters");
      for (int i = 0; i < list.size(); i++) {
        Located parameter = resolve(owner + "/parameters/" + i);
        byName.put(
            parameter.node().path("in").asText() + ":" + parameter.node().path("name").asText(),
            parameter);
      }
    }
    return List.copyOf(byName.values());
  }

  /** The node at {@code pointer}, following {@code $ref}s, with the pointer it was found at. */
  private Located resolve(String pointer) {
    JsonNode node = document.at(pointer);
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new IllegalStateException("only local references are supported: " + ref);
      }
      pointer = ref.substring(1);
      node = document.at(pointer);
    }
    if (node.isMissingNode()) {
      throw new IllegalStateException("the document has nothing at " + pointer);
    }
    return new Located(node, pointer);
  }

  private Optional<Matched> match(String path) {
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (matcher.matches()) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < route.names().size(); i++) {
          values.put(route.names().get(i), decode(matcher.group(i + 1)));
        }
        JsonNode item = document.path("paths").path(route.template());
        return Optional.of(new Matched(route.template(), item, values));
      }
    }
    return Optional.empty();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a malformed escape stays as sent; the schema then judges it
    }
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** JSON Pointer escaping of one reference token (RFC 6901). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviate(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "…";
  }

  private static <T> List<T> list(java.util.Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }

  private record Located(JsonNode node, String pointer) {}

  private record Matched(String template, JsonNode item, Map<String, String> parameters) {}

  /** A path template as a pattern: each {@code {name}} is one non-empty path segment. */
  private record Route(String template, Pattern pattern, List<String> names) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    static Route of(String template) {
      List<String> names = new ArrayList<>();
      StringBuilder regex = new StringBuilder();
      Matcher matcher = VARIABLE.matcher(template);
      int last = 0;
      while (matcher.find()) {
        regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("([^/]+)");
        names.add(matcher.group(1));
        last = matcher.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      return new Route(template, Pattern.compile(regex.toString()), List.copyOf(names));
    }
  }

  /** One Server-Sent Event: its name ({@code message} when none is given) and its data. */
  private record Event(String name, String data) {

    static List<Event> parse(String stream) {
      List<Event> events = new ArrayList<>();
      for (String block : stream.split("\r\n\r\n|\n\n|\r\r")) {
        String name = "message";
        List<String> data = new ArrayList<>();
        for (String line : block.split("\r\n|\n|\r")) {
          if (line.isEmpty() || line.startsWith(":")) {
            continue;
          }
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          value = value.startsWith(" ") ? value.substring(1) : value;
          if (field.equals("event")) {
            name = value;
          } else if (field.equals("data")) {
            data.add(value);
          }
        }
        if (!data.isEmpty()) {
          events.add(new Event(name, String.join("\n", data)));
        }
      }
      return events;
    }
  }
}
