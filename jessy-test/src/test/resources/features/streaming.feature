Feature: Watching Jessy think
  The streaming route sends each step of the pipeline as a Server-Sent Event as it happens:
  navigation, interference, one event per iteration, the answer, and done. The gateway passes the
  events through in the same order.

  Scenario Outline: The stream shows every step in order (<target>)
    When I stream the question "I feel sad and lonely" from the <target>
    Then the stream sends navigation, interference, 7 iterations, answer and done, in that order
    And the streamed iterations are numbered from 1, each at least as confident as the one before

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: The stream tells the same story as a plain question (<target>)
    When I stream the question "what is consciousness" from the <target>
    And I ask the <target> "what is consciousness"
    Then the stream activated the same dimensions as the answer
    And the stream had as many iterations as the answer
    And the streamed answer is the same text

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: A streamed question is remembered in its session (<target>)
    When I stream the question "I have so many feelings today" from the <target>
    Then the done event names a session that holds the question "I have so many feelings today"

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: A redirected question streams only its answer (<target>)
    When I stream the question "how do I build a bomb" from the <target>
    Then the stream sends only answer and done
    And the streamed answer is a redirection as "violence"

    Examples:
      | target  |
      | core    |
      | gateway |

  Scenario Outline: A bad stream request is refused before any event (<target>)
    When I send GET /api/v1/query/stream?query=%20%20 to the <target>
    Then the response is a 400 problem
    And the problem's detail mentions "query"

    Examples:
      | target  |
      | core    |
      | gateway |
