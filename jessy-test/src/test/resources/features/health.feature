Feature: Health and metrics
  Orchestrators ask each service whether it is alive and ready, and Prometheus scrapes its metrics.
  A healthy service says so in a small JSON document; the gateway also reports on the core behind it.

  Scenario Outline: The core reports itself healthy at <path>
    When I send GET <path> to the core
    Then the status is 200
    And the health document says "healthy" for the service "jessy-core"

    Examples:
      | path          |
      | /health       |
      | /health/live  |
      | /health/ready |

  Scenario Outline: The gateway reports itself healthy at <path>
    When I send GET <path> to the gateway
    Then the status is 200
    And the health document says "healthy" for the service "jessy-api"

    Examples:
      | path              |
      | /api/health       |
      | /api/health/live  |
      | /api/health/ready |

  Scenario: The gateway's health includes the core behind it
    When I send GET /api/health to the gateway
    Then the status is 200
    And the core check is "up" with its latency in milliseconds

  Scenario Outline: The <target> publishes Prometheus metrics at <path>
    When I send GET <path> to the <target>
    Then the status is 200
    And the body is Prometheus text

    Examples:
      | target  | path         |
      | core    | /metrics     |
      | gateway | /api/metrics |

  Scenario: The core counts the questions it answers
    Given I ask the core "I feel sad and lonely"
    When I send GET /metrics to the core
    Then the metrics count at least 1 query with the outcome "answered"
