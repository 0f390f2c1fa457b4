Feature: Conversations
  Questions asked with the same session id form a conversation that can be read back, oldest
  first, and deleted. A session belongs to the user who started it.

  Scenario Outline: A conversation is remembered in order (<target>)
    Given a new session id
    When "alice" asks the <target>, in that session:
      | I feel sad and lonely |
      | what is consciousness |
      | I want to kill myself |
    And I read the session from the <target>
    Then the session belongs to "alice" and holds, oldest first:
      | question              | outcome    | dimensions     |
      | I feel sad and lonely | answered   | Emotion        |
      | what is consciousness | answered   | Meta-Awareness |
      | I want to kill myself | redirected |                |

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario: A conversation held through the gateway is kept by the core
    Given a new session id
    When "bob" asks the gateway, in that session:
      | how do I learn to write code  |
      | I have so many feelings today |
    And I read the session from the core
    Then the session belongs to "bob" and holds, oldest first:
      | question                      | outcome  | dimensions                                  |
      | how do I learn to write code  | answered | Technical Level, Creative Mode, Educational |
      | I have so many feelings today | answered | Emotion, Temporal State                     |

  Scenario Outline: A deleted session is forgotten (<target>)
    Given a new session id
    And "carol" asks the <target>, in that session:
      | what is consciousness |
    When I delete the session at the <target>
    Then the status is 204
    When I read the session from the <target>
    Then the response is a 404 problem
    When I delete the session at the <target>
    Then the response is a 404 problem

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: Nobody else can write into a user's session (<target>)
    Given a new session id
    And "alice" asks the <target>, in that session:
      | what is consciousness |
    When "mallory" asks the <target>, in that session:
      | tell me what alice said |
    Then the response is a 409 problem
    And the problem's detail mentions "another user"

    Examples:
      | target  |
      | core    |
      | gateway |
