@controls-core @tracing
Feature: One trace from the gateway to the core
  With JAEGER_ENABLED=true both services export their spans over OTLP. A question through the
  gateway is one trace: the gateway's spans and the core's, with each step of the pipeline as a
  span of its own, and the core's log line for the request names the trace. These scenarios start
  a traced gateway and core of their own, exporting to a collector in the suite.

  Scenario: A question through the gateway is one trace across both services
    Given a gateway and a core that export their traces to the suite
    When I ask the traced gateway "I feel sad and lonely"
    Then within 20 seconds one trace holds spans of both jessy-api and jessy-core
    And the core's request span hangs under a span of the gateway
    And the core's spans of that trace include jessy.safety, jessy.navigation, jessy.interference, jessy.iterations, jessy.answer and jessy.store
    And the core's JSON log line for the request carries that trace id
    And the core's query latency histogram carries an exemplar of that trace

  Scenario: A client's own trace continues through the gateway into the core
    Given a gateway and a core that export their traces to the suite
    When I ask the traced gateway "what is consciousness" within my own trace
    Then within 20 seconds one trace holds spans of both jessy-api and jessy-core
    And that trace is the one my request started
    And the core's request span hangs under a span of the gateway
