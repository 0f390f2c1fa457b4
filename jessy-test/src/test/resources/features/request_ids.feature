Feature: Request ids
  Every response carries an X-Request-Id, so a failure a user reports can be found in the logs of
  both services. A client's own id is kept when it is sane (1 to 128 of letters, digits and . _ : -);
  anything else is replaced. The gateway hands the same id to the core. "r×129" stands for 129 r's.

  Scenario Outline: A sane request id is kept (<target>)
    When I send GET /api/v1/dimensions to the <target> with the request id "suite:trace-42.a_b"
    Then the status is 200
    And the response carries the request id "suite:trace-42.a_b"

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: An unusable request id is replaced (<case>, <target>)
    When I send GET /api/v1/dimensions to the <target> with the request id "<id>"
    Then the status is 200
    And the response carries a new request id

    Examples:
      | case           | target  | id                     |
      | spaces         | core    | my request id          |
      | markup         | core    | <script>alert</script> |
      | 129 characters | core    | r×129                  |
      | spaces         | gateway | my request id          |
      | markup         | gateway | <script>alert</script> |
      | 129 characters | gateway | r×129                  |

  Scenario Outline: Without a request id, each response gets its own (<target>)
    When I send GET /api/v1/dimensions to the <target> twice
    Then the two responses carry different request ids

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario: The core sees the request id the client gave the gateway
    When I send GET /api/v1/sessions/no-such-session to the gateway with the request id "suite-id-1"
    Then the response is a 404 problem
    And the problem's request id is "suite-id-1"

  Scenario: The core sees the request id the gateway made up
    When I send GET /api/v1/sessions/no-such-session to the gateway with the request id "not sane!"
    Then the response is a 404 problem
    And the response carries a new request id
    And the problem's request id is the one in the response header
