package io.jessy.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A traced gateway and core of the scenario's own, exporting to an {@link OtlpReceiver}. */
public class TracingSteps {

  private static final String KEY = "tracing-key-1";

  private OtlpReceiver receiver;
  private Stack.Instance core;
  private Stack.Instance gateway;
  private String requestId;
  private String traceId;
  private String clientTraceId;

  @Given("a gateway and a core that export their traces to the suite")
  public void tracedServices() {
    receiver = new OtlpReceiver();
    Map<String, String> tracing = new HashMap<>();
    tracing.put("JAEGER_ENABLED", "true");
    tracing.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString());
    tracing.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    tracing.put("GATEWAY_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
    tracing.put("LOG_FORMAT", "json");
    // The core's one line per stored turn is a DEBUG line.
    tracing.put("QUARKUS_LOG_CATEGORY__IO_JESSY__LEVEL", "DEBUG");
    // Export at once rather than every 5 s.
    tracing.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
    core = Stack.get().start("jessy-core", tracing);
    Map<String, String> gatewayEnv = new HashMap<>(tracing);
    gatewayEnv.put("CORE_SERVICE_URL", core.url().toString());
    gatewayEnv.put("API_KEYS", "tracer:" + KEY);
    gateway = Stack.get().start("jessy-api", gatewayEnv);
  }

  @When("I ask the traced gateway {string}")
  public void askTheTracedGateway(String question) {
    ask(question, given());
  }

  @When("I ask the traced gateway {string} within my own trace")
  public void askWithinMyTrace(String question) {
    clientTraceId = UUID.randomUUID().toString().replace("-", "");
    ask(question, given().header("traceparent", "00-" + clientTraceId + "-00f067aa0ba902b7-01"));
  }

  private void ask(String question, io.restassured.specification.RequestSpecification request) {
    requestId = "trace-" + UUID.randomUUID();
    Response response =
        request
            .baseUri(gateway.url().toString())
            .filter(Contract.filter(Target.GATEWAY))
            .header("Authorization", "Bearer " + KEY)
            .header("X-Request-Id", requestId)
            .contentType("application/json")
            .body(Map.of("query", question))
            .post("/api/v1/query");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  @Then("within {int} seconds one trace holds spans of both jessy-api and jessy-core")
  public void oneTraceAcrossBoth(int seconds) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds));
    while (traceId == null && Instant.now().isBefore(deadline)) {
      // The trace of the question: the one with the core's POST span (the gateway's health probe
      // makes traces of its own).
      Set<String> questionTraces =
          receiver.spans().stream()
              .filter(s -> s.service().equals("jessy-core") && s.name().startsWith("POST"))
              .map(OtlpReceiver.ReceivedSpan::traceId)
              .collect(Collectors.toSet());
      Map<String, Set<String>> servicesByTrace =
          receiver.spans().stream()
              .filter(s -> questionTraces.contains(s.traceId()))
              .collect(
                  Collectors.groupingBy(
                      OtlpReceiver.ReceivedSpan::traceId,
                      Collectors.mapping(OtlpReceiver.ReceivedSpan::service, Collectors.toSet())));
      traceId =
          servicesByTrace.entrySet().stream()
              .filter(e -> e.getValue().containsAll(Set.of("jessy-api", "jessy-core")))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      Thread.sleep(200);
    }
    assertThat(traceId)
        .as("a trace with spans of both services in %s", receiver.spans())
        .isNotNull();
  }

  @Then("the core's request span hangs under a span of the gateway")
  public void theCoreHangsUnderTheGateway() {
    var spans = receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    Set<String> gatewaySpans =
        spans.stream()
            .filter(s -> s.service().equals("jessy-api"))
            .map(OtlpReceiver.ReceivedSpan::spanId)
            .collect(Collectors.toSet());
    assertThat(spans)
        .filteredOn(s -> s.service().equals("jessy-core") && s.name().startsWith("POST"))
        .singleElement()
        .satisfies(s -> assertThat(gatewaySpans).contains(s.parentId()));
  }

  @Then("that trace is the one my request started")
  public void theTraceIsMine() {
    assertThat(traceId).isEqualTo(clientTraceId);
  }

  @Then("the core's spans of that trace include {}")
  public void theCoresSpansInclude(String names) {
    Set<String> expected =
        Arrays.stream(names.split(",\\s*|\\s+and\\s+"))
            .map(String::strip)
            .collect(Collectors.toSet());
    Instant deadline = Instant.now().plusSeconds(10);
    Set<String> seen = Set.of();
    while (!seen.containsAll(expected) && Instant.now().isBefore(deadline)) {
      seen =
          receiver.spans().stream()
              .filter(s -> s.traceId().equals(traceId) && s.service().equals("jessy-core"))
              .map(OtlpReceiver.ReceivedSpan::name)
              .collect(Collectors.toSet());
    }
    assertThat(seen).containsAll(expected);
  }

  @Then("the core's query latency histogram carries an exemplar of that trace")
  public void theHistogramLinksToTheTrace() {
    String metrics =
        given()
            .baseUri(core.url().toString())
            .accept("application/openmetrics-text; version=1.0.0; charset=utf-8")
            .get("/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(metrics.lines().filter(l -> l.startsWith("jessy_query_duration_seconds_bucket")))
        .anySatisfy(line -> assertThat(line).contains("trace_id=\"" + traceId + "\""));
  }

  @Then("the core's JSON log line for the request carries that trace id")
  public void theLogLineCarriesTheTrace() {
    String line =
        core.output()
            .lines()
            .filter(l -> l.startsWith("{") && l.contains(requestId))
            .findFirst()
            .orElse(null);
    assertThat(line).as("a JSON log line with request id %s", requestId).isNotNull();
    assertThat(line).contains(traceId);
  }

  @After("@controls-core")
  public void stopTracedServices() {
    if (gateway != null) {
      gateway.close();
    }
    if (core != null) {
      core.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }
}
