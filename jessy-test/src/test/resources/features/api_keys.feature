@api-keys
Feature: API keys
  When the gateway is given API keys, every /api/v1 request must carry one as a bearer token.
  Health and metrics stay open, so orchestrators and Prometheus need no key.

  Scenario Outline: A request without a valid key is refused (<case>)
    When I send GET /api/v1/dimensions to the gateway with the Authorization "<authorization>"
    Then the response is a 401 problem
    And the gateway asks for a bearer token

    Examples:
      | case                    | authorization              |
      | no Authorization header |                            |
      | an unknown key          | Bearer not-a-suite-key     |
      | a key of the wrong kind | Basic c3VpdGUta2V5LTE6eA== |
      | an empty bearer token   | Bearer                     |

  Scenario Outline: A question without a key is refused before it reaches the core
    When I post '{"query": "what is consciousness"}' to /api/v1/query on the gateway with the Authorization "<authorization>"
    Then the response is a 401 problem

    Examples:
      | authorization          |
      |                        |
      | Bearer not-a-suite-key |

  Scenario: Either configured key is accepted
    When I send GET /api/v1/dimensions to the gateway with each configured key
    Then every one of them is answered with 200

  Scenario Outline: <path> needs no key
    When I send GET <path> to the gateway with the Authorization ""
    Then the status is 200

    Examples:
      | path              |
      | /api/health       |
      | /api/health/live  |
      | /api/health/ready |
      | /api/metrics      |
