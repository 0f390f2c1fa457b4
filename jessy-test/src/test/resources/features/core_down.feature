@controls-core
Feature: The gateway when the core is down
  If the core stops, the gateway says so in its health, stays alive, and answers questions at once
  with 503 (core unreachable) or 504 (core too slow) instead of keeping clients waiting; after a
  run of failures its circuit breaker opens and it tells clients when to retry. When the core is
  back, so is the gateway. These scenarios stop the core, so they run only when the suite
  started the services itself.

  Scenario: The gateway fails fast while the core is down
    Given the core has been stopped
    Then within 10 seconds the gateway's health is 503 "unhealthy" with the core check "down"
    And the gateway is still alive at /api/health/live
    And each of 15 questions to the gateway is refused with a 503 or 504 problem
    And the last refusal is a 503 that says when to retry

  Scenario: The gateway recovers when the core is back
    Given the core has been stopped
    And within 10 seconds the gateway's health is 503 "unhealthy" with the core check "down"
    When the core is started again
    Then within 30 seconds the gateway's health is 200 "healthy" with the core check "up"
    And within 30 seconds the gateway answers questions again
