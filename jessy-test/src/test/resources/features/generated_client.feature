Feature: A client generated from the API contract
  The build generates a Java client from jessy-api's openapi.yaml (openapi-generator, into the
  suite's test sources). Talking to the gateway through it alone, with typed requests and answers
  read strictly, shows the document is enough to use the API.

  Scenario: A conversation held through the generated client
    When "alice" asks through the generated client, in one session:
      | I feel sad and lonely |
      | what is consciousness |
    Then each answer is typed, answered in its first dimension after 1 to 9 iterations:
      | Emotion        |
      | Meta-Awareness |
    When I read the session through the generated client
    Then it belongs to "alice" and holds those questions and answers, oldest first

  Scenario: The dimension registry read through the generated client
    When I list the dimensions through the generated client
    Then it reads 15 dimensions, each with a frequency range and 4 layers, falling back to 10

  Scenario: A session deleted through the generated client is not found by it
    Given "carol" asked "what is consciousness" through the generated client
    When I delete the session through the generated client
    And I read the session through the generated client
    Then the generated client fails with a 404 not-found problem
