Feature: Conversations
  A question without a session id starts a session, and the service names it; questions asked
  with that id form a conversation that can be read back, oldest first, and deleted. A session
  belongs to the caller who started it (see ownership.feature) and, within it, to its user.

  Scenario Outline: A conversation is remembered in order (<target>)
    Given a new session
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

  Scenario: A conversation held through the gateway with a key is not anonymous at the core
    Given a new session
    When "bob" asks the gateway, in that session:
      | how do I learn to write code  |
      | I have so many feelings today |
    And I read the session from the gateway
    Then the session belongs to "bob" and holds, oldest first:
      | question                      | outcome  | dimensions                                  |
      | how do I learn to write code  | answered | Technical Level, Creative Mode, Educational |
      | I have so many feelings today | answered | Emotion, Temporal State                     |
    When I read the session from the core
    Then the response is a 404 problem

  Scenario Outline: A deleted session is forgotten (<target>)
    Given a new session
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
    Given a new session
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

  Scenario Outline: A long conversation is read back page by page, latest first (<target>)
    Given a new session
    And "erin" asks the <target>, in that session:
      | question one   |
      | question two   |
      | question three |
      | question four  |
      | question five  |
    When I read the session from the <target> with "limit=2"
    Then the page holds turns 4 to 5 of 5, and the page before starts below turn 4
    When I read the page before from the <target>
    Then the page holds turns 2 to 3 of 5, and the page before starts below turn 2
    When I read the page before from the <target>
    Then the page holds turns 1 to 1 of 5, and it is the first page

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: Paging parameters must be positive whole numbers (<target>)
    Given a new session
    And "erin" asks the <target>, in that session:
      | question one |
    When I read the session from the <target> with "<parameters>"
    Then the response is a 400 problem
    And the problem's detail mentions "<name>"

    Examples:
      | target  | parameters | name   |
      | core    | limit=0    | limit  |
      | gateway | limit=many | limit  |
      | core    | limit=1001 | limit  |
      | gateway | before=-3  | before |

  @controls-core
  Scenario: A conversation survives a restart of the core
    Given a new session
    And "dana" asks the gateway, in that session:
      | I feel sad and lonely |
      | what is consciousness |
    And the core has been stopped
    When the core is started again
    And I read the session from the gateway
    Then the session belongs to "dana" and holds, oldest first:
      | question              | outcome  | dimensions     |
      | I feel sad and lonely | answered | Emotion        |
      | what is consciousness | answered | Meta-Awareness |
