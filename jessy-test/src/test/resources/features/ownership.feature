@two-keys
Feature: Every session belongs to its owner
  A session belongs to the API key that started it (its name is the principal) and nobody else can
  read it, add to it, stream into it or delete it: to anyone else it does not exist (404, the same
  answer as for an id nobody ever used). The core believes the caller's identity only when the
  gateway signed it, so a caller straight at the core, or one that forges the gateway's headers,
  is anonymous and owns only anonymous sessions.

  Background:
    Given the holder of the first key started a session through the gateway with "my private thoughts"

  Scenario Outline: The holder of another key cannot <action> it
    When the holder of the second key tries to <action> it through the gateway
    Then the response is a 404 problem
    And the answer is the one for a session that does not exist
    And the holder of the first key still reads exactly "my private thoughts" in it

    Examples:
      | action      |
      | read        |
      | add to      |
      | stream into |
      | delete      |

  Scenario Outline: A caller straight at the core with <identity> cannot <action> it
    When a caller with <identity> tries to <action> it straight at the core
    Then the response is a 404 problem
    And the holder of the first key still reads exactly "my private thoughts" in it

    Examples:
      | identity                   | action      |
      | no identity                | read        |
      | no identity                | add to      |
      | no identity                | stream into |
      | no identity                | delete      |
      | a forged identity          | read        |
      | a forged identity          | add to      |
      | a forged identity          | stream into |
      | a forged identity          | delete      |

  Scenario: A session can only be continued, never created under a chosen id
    When the holder of the first key asks the gateway in a session with an id nobody started
    Then the response is a 404 problem
