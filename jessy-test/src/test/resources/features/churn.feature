@churn
Feature: Clients that hang up
  Load tools end every run with requests in flight, and people close a tab in the middle of a
  stream. Whatever a client that went away leaves behind, no other client pays for it: every
  question that was waited for is answered, and the next client is served as usual.

  Scenario Outline: Runs of clients that hang up with questions in flight cost nobody an answer (<target>)
    When 4 runs of 6 clients each ask the <target> 2 questions and hang up on a third
    Then every question they waited for was answered with 200
    And I ask the <target> "are you still there"
    And the status is 200

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: Streams left after their first event cost nobody an answer (<target>)
    When 8 clients open a stream from the <target> and hang up after its first event
    And 2 runs of 6 clients each ask the <target> 2 questions and hang up on a third
    Then every stream was opened
    And every question they waited for was answered with 200
    And I ask the <target> "are you still there"
    And the status is 200

    Examples:
      | target  |
      | core    |
      | gateway |
