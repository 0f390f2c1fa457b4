@rate-limit
Feature: Rate limiting
  Each client (its API key, else its address) may send a burst of requests and then a steady rate.
  A client over its limit is told, in standard headers, when it may try again. The scenarios here
  use the second API key, so the rest of the suite keeps its allowance.

  Scenario: An answered request shows the client's allowance
    When I send GET /api/v1/dimensions to the gateway
    Then the status is 200
    And the response shows the client's rate limit

  # Many more than the burst (20 in the stack test): at 50 tokens a second, 30 requests spread over
  # a fifth of a second on a busy machine all found a token.
  Scenario: A client over its limit is told to wait
    When a client with the second API key sends 120 requests at once to /api/v1/dimensions
    Then every one of them is answered with 200 or 429
    And at least 20 of them are answered with 200
    And at least one of them is refused with a 429 problem that says when to retry
