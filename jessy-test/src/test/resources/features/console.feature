@browser
Feature: The console
  The gateway serves a console at /: it asks over the SSE stream and draws a question's
  dimensions, interference, iterations and answer as the events arrive, keeps the session and its
  history, and shows the API's errors as sentences. These scenarios drive a real browser (Debian's
  headless Chromium) and compare what it shows with what the API answers; a screenshot of each is
  saved in target/screenshots/.

  Scenario: A question draws its dimensions, interference, iterations and answer
    Given the console is open with the gateway's API key
    When I ask the console "what is consciousness and love"
    Then the console shows the dimensions, interference and iterations the API gives for "what is consciousness and love"
    And the console shows the answer the API gives to "what is consciousness and love"

  Scenario: A follow-up joins the same session, and the history pages through it
    Given the console is open with the gateway's API key
    When I ask the console "what is consciousness"
    And I ask the console "and what is love"
    Then the console's history shows "what is consciousness", "and what is love"
    And the gateway holds those 2 turns in the session the console shows
    When I ask the console 4 more questions
    Then the console's history shows the latest 5 turns and offers older ones
    When I show the older turns
    Then the console's history shows all 6 turns, oldest first
    When I delete the session in the console
    Then the console's history is empty, and the gateway answers 404 for that session

  Scenario: A redirected question shows the safety message plainly
    Given the console is open with the gateway's API key
    When I ask the console "I want to kill myself"
    Then the console says the question was redirected by the safety gate ("self harm")
    And the console shows the answer the API gives to "I want to kill myself"
    And the console lists no dimensions and no iterations

  @api-keys
  Scenario: A wrong API key is a readable 401
    Given the console is open with the API key "not-a-suite-key"
    When I ask the console "what is consciousness"
    Then the console shows the error "API key needed"
    And the API key field is open

  Scenario: Markup in a question is shown as text, never run
    Given the console is open with the gateway's API key
    When I ask the console "<img src=x onerror=alert(1)><b>bold</b><script>alert(2)</script> consciousness"
    Then the console's history shows "<img src=x onerror=alert(1)><b>bold</b><script>alert(2)</script> consciousness"
    And no element from the question exists in the page, and no alert opened

  Scenario: A shared link asks its question on load, in a new session
    Given the console is open with the gateway's API key
    When I ask the console "an earlier question"
    And I open the console's link "/?q=what%20is%20consciousness"
    Then the console shows the answer the API gives to "what is consciousness"
    And the link's question is the session's only turn, and the address is "/" again

  Scenario: The console reads a stream split anywhere: CRLF, CR, multi-byte characters, comments
    Given the console is open with the gateway's API key
    Then the console's stream reader, fed one byte at a time, yields 'first=x | second={"t":"é€"} | message=1\n2'

  Scenario: On a phone-sized screen the console fits the width
    Given a phone-sized console (390 × 844) with the gateway's API key
    When I ask the console "what is consciousness and love"
    Then nothing on the page is wider than the screen

  Scenario: The console passes axe-core's WCAG 2.1 A and AA checks with an answer on screen
    Given the console is open with the gateway's API key
    When I ask the console "what is consciousness and love"
    Then axe-core finds no WCAG 2.1 A or AA violation on the page

  @controls-core
  Scenario: With the core down the console says so and counts down to the retry
    Given the console is open with the gateway's API key
    And the core has been stopped
    When I ask the console "what is consciousness"
    Then the console shows the error "Jessy's core is unavailable" with a retry countdown
    And within 10 seconds the console's status strip says "Core down"
