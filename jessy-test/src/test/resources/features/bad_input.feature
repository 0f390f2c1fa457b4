Feature: Bad input is refused politely
  Whatever a client sends, a mistake is answered with a 4xx problem document (RFC 9457) that says
  what was wrong and carries the request id, never with a 5xx or a stack trace; directly at the core
  and through the gateway alike. Written values like "x×10001" stand for that many characters.

  Scenario Outline: A bad question is a 400 that says what is wrong (<case>, <target>)
    When I post '<body>' to /api/v1/query on the <target>
    Then the response is a 400 problem
    And the problem's detail mentions '<detail>'

    Examples: directly at the core
      | target | case                     | body                                              | detail                              |
      | core   | malformed JSON           | {"query": "hi"                                    | not valid JSON                      |
      | core   | query is a number        | {"query": 1}                                      | "query" must be a string            |
      | core   | max_iterations as text   | {"query": "hi", "max_iterations": "5"}            | "max_iterations" must be an integer |
      | core   | max_iterations too large | {"query": "hi", "max_iterations": 10}             | between 1 and 9                     |
      | core   | query missing            | {}                                                | "query" is required                 |
      | core   | query empty              | {"query": ""}                                     | must not be empty                   |
      | core   | query only whitespace    | {"query": "    "}                                 | must not be empty                   |
      | core   | query of 10 001 chars    | {"query": "x×10001"}                              | at most 10000 characters            |
      | core   | hostile session id       | {"query": "hi", "session_id": "../../etc/passwd"} | session_id                          |

    Examples: through the gateway
      | target  | case                     | body                                              | detail                              |
      | gateway | malformed JSON           | {"query": "hi"                                    | not valid JSON                      |
      | gateway | query is a number        | {"query": 1}                                      | "query" must be a string            |
      | gateway | max_iterations as text   | {"query": "hi", "max_iterations": "5"}            | "max_iterations" must be an integer |
      | gateway | max_iterations too large | {"query": "hi", "max_iterations": 10}             | between 1 and 9                     |
      | gateway | query missing            | {}                                                | "query" is required                 |
      | gateway | query empty              | {"query": ""}                                     | must not be empty                   |
      | gateway | query only whitespace    | {"query": "    "}                                 | must not be empty                   |
      | gateway | query of 10 001 chars    | {"query": "x×10001"}                              | at most 10000 characters            |
      | gateway | hostile session id       | {"query": "hi", "session_id": "../../etc/passwd"} | session_id                          |

  Scenario Outline: A question of exactly 10 000 characters is still answered (<target>)
    When I post '{"query": "x×10000"}' to /api/v1/query on the <target>
    Then the question is answered

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: A body that is not JSON, or too large, is refused (<case>, <target>)
    When I post '<body>' as "<content type>" to /api/v1/query on the <target>
    Then the response is a <status> problem

    Examples:
      | case             | target  | content type                      | body                 | status |
      | plain text       | core    | text/plain                        | {"query": "hi"}      | 415    |
      | form data        | core    | application/x-www-form-urlencoded | query=hi             | 415    |
      | body over 64 KiB | core    | application/json                  | {"query": "x×70000"} | 413    |
      | plain text       | gateway | text/plain                        | {"query": "hi"}      | 415    |
      | form data        | gateway | application/x-www-form-urlencoded | query=hi             | 415    |
      | body over 64 KiB | gateway | application/json                  | {"query": "x×70000"} | 413    |

  Scenario Outline: A hostile session id in the path is refused (<case>, <target>)
    When I send <method> /api/v1/sessions/<id> to the <target>
    Then the response is a 400 problem
    And the problem's detail mentions "session id"

    Examples:
      | case           | target  | method | id                     |
      | path traversal | core    | GET    | ..%2F..%2Fetc%2Fpasswd |
      | path traversal | core    | DELETE | ..%2F..%2Fetc%2Fpasswd |
      | 65 characters  | core    | GET    | a×65                   |
      | markup         | core    | GET    | %3Cscript%3E           |
      | unicode        | core    | GET    | sessi%C3%B3n           |
      | path traversal | gateway | GET    | ..%2F..%2Fetc%2Fpasswd |
      | path traversal | gateway | DELETE | ..%2F..%2Fetc%2Fpasswd |
      | 65 characters  | gateway | GET    | a×65                   |
      | markup         | gateway | GET    | %3Cscript%3E           |
      | unicode        | gateway | GET    | sessi%C3%B3n           |
