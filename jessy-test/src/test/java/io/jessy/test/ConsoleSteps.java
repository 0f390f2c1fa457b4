package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console at the gateway's {@code /}, in a real browser ({@link Browser}): what a person sees
 * is checked against what the API itself answers. Elements are found by their {@code data-testid}.
 */
public class ConsoleSteps {

  private static final Dimension DESKTOP = new Dimension(1280, 1600);
  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)\\D*$");

  private final Client client;
  private Browser browser;
  private String sessionShown;

  public ConsoleSteps(Client client) {
    this.client = client;
  }

  /** A screenshot of every console scenario, pass or fail, and the page's console checked. */
  @After("@browser")
  public void keepAScreenshot(Scenario scenario) {
    if (browser == null) {
      return;
    }
    try {
      String name = scenario.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      scenario.attach(browser.screenshot(name.replaceAll("^-|-$", "")), "image/png", name);
      // A Content-Security-Policy violation or an uncaught error is a defect of the page; a
      // failed request (the 401 and 503 scenarios provoke them) is not.
      List<String> problems =
          browser.consoleEntries().stream()
              .map(LogEntry::getMessage)
              .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught"))
              .toList();
      assertThat(problems).as("the page's console").isEmpty();
    } finally {
      browser.close();
      browser = null;
    }
  }

  @Before("@browser")
  public void requireTheGateway() {
    Client.baseUri(Target.GATEWAY); // skips the scenario when the suite has no gateway
  }

  @Given("the console is open with the gateway's API key")
  public void theConsoleIsOpenWithTheKey() {
    open(DESKTOP, keyOfTheSuite());
  }

  @Given("the console is open with the API key {string}")
  public void theConsoleIsOpenWithTheKey(String key) {
    open(DESKTOP, key);
  }

  @Given("a phone-sized console \\({int} × {int}) with the gateway's API key")
  public void aPhoneSizedConsole(int width, int height) {
    open(new Dimension(width, height), keyOfTheSuite());
  }

  @When("I ask the console {string}")
  public void iAskTheConsole(String question) {
    WebElement input = byTestId("query-input");
    input.clear();
    // Typed and sent with Enter, as a person with a keyboard would.
    input.sendKeys(question, Keys.ENTER);
    awaitTheAnswer();
  }

  @When("I ask the console {int} more questions")
  public void iAskTheConsoleMore(int count) {
    for (int i = 1; i <= count; i++) {
      iAskTheConsole("question number " + i + " about memory");
    }
  }

  @When("I open the console's link {string}")
  public void iOpenTheLink(String path) {
    browser.driver().get(Client.baseUri(Target.GATEWAY) + path);
    awaitTheAnswer();
  }

  @Then("the console shows the dimensions, interference and iterations the API gives for {string}")
  public void theConsoleShowsThePipeline(String question) {
    JsonPath api = apiAnswer(question);
    assertThat(texts("dimension-name")).isEqualTo(api.getList("dimensions.name", String.class));
    assertThat(texts("dimension")).allSatisfy(d -> assertThat(d).contains("confidence", "Hz"));
    assertThat(number(byTestId("dominant-frequency").getText()))
        .isEqualTo(api.getDouble("dominant_frequency"));
    assertThat(texts("pair")).hasSize(api.getList("interference.pairs").size());
    List<String> phases = api.getList("iterations.steps.phase", String.class);
    List<String> iterations = texts("iteration");
    assertThat(iterations).hasSize(phases.size());
    for (int i = 0; i < phases.size(); i++) {
      assertThat(iterations.get(i).toLowerCase(Locale.ROOT))
          .contains((i + 1) + " · " + phases.get(i));
    }
    // The curve got one point per iteration event, and names their confidences.
    assertThat(browser.driver().findElements(By.cssSelector("#curve circle")))
        .hasSize(phases.size());
    String curve = byTestId("confidence-curve").getDomAttribute("aria-label");
    assertThat(number(curve))
        .isEqualTo(api.getList("iterations.confidence", Double.class).get(phases.size() - 1));
  }

  @Then("the console shows the answer the API gives to {string}")
  public void theConsoleShowsTheAnswer(String question) {
    assertThat(byTestId("answer").getText()).isEqualTo(apiAnswer(question).getString("answer"));
    assertThat(byTestId("error").isDisplayed()).isFalse();
  }

  @Then("the console says the question was redirected by the safety gate \\({string})")
  public void theConsoleSaysRedirected(String category) {
    WebElement note = byTestId("safety");
    assertThat(note.isDisplayed()).isTrue();
    assertThat(note.getText()).contains("redirected by the safety gate", category);
  }

  @Then("the console lists no dimensions and no iterations")
  public void noDimensionsNoIterations() {
    assertThat(texts("dimension")).isEmpty();
    assertThat(texts("iteration")).isEmpty();
    assertThat(byTestId("dimensions").getText()).contains("Not run");
    assertThat(byTestId("confidence-curve").isDisplayed()).as("the empty chart").isFalse();
  }

  @Then("the console's history shows {string}, {string}")
  public void theHistoryShows(String first, String second) {
    historyBecomes(List.of(first, second));
  }

  @Then("the console's history shows {string}")
  public void theHistoryShows(String query) {
    historyBecomes(List.of(query));
  }

  @Then("the gateway holds those {int} turns in the session the console shows")
  public void theGatewayHoldsTheTurns(int turns) {
    sessionShown = sessionIdShown();
    JsonPath session = readSession(sessionShown, 200);
    assertThat(session.getInt("turn_count")).isEqualTo(turns);
    assertThat(session.getList("turns.query", String.class)).isEqualTo(historyQueries());
  }

  @Then("the console's history shows the latest {int} turns and offers older ones")
  public void theHistoryShowsTheLatest(int turns) {
    browser
        .waiting()
        .until(d -> historyNumbers().size() == turns && !historyNumbers().contains("#1"));
    assertThat(byTestId("history-older").isDisplayed()).isTrue();
  }

  @When("I show the older turns")
  public void iShowTheOlderTurns() {
    byTestId("history-older").click();
  }

  @Then("the console's history shows all {int} turns, oldest first")
  public void theHistoryShowsAll(int turns) {
    List<String> expected = IntStream.rangeClosed(1, turns).mapToObj(i -> "#" + i).toList();
    browser.waiting().until(d -> historyNumbers().equals(expected));
    assertThat(byTestId("history-older").isDisplayed()).isFalse();
  }

  @When("I delete the session in the console")
  public void iDeleteTheSession() {
    sessionShown = sessionIdShown();
    byTestId("delete-session").click();
    browser.waiting().until(d -> byTestId("progress").getText().equals("Session deleted."));
  }

  @Then("the console's history is empty, and the gateway answers 404 for that session")
  public void theSessionIsGone() {
    assertThat(historyQueries()).isEmpty();
    assertThat(byTestId("delete-session").isEnabled()).isFalse();
    readSession(sessionShown, 404);
  }

  @Then("the console shows the error {string}")
  public void theConsoleShowsTheError(String title) {
    WebElement error = byTestId("error");
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).startsWith(title + ".");
  }

  @Then("the console shows the error {string} with a retry countdown")
  public void theConsoleShowsTheErrorWithCountdown(String title) {
    theConsoleShowsTheError(title);
    // Retry-After may be 1 s, so the count may already have run out when it is read.
    assertThat(Integer.parseInt(byTestId("error").getDomAttribute("data-retry-after")))
        .isPositive();
    assertThat(byTestId("retry-countdown").getText())
        .matches(" ?(Try again in \\d+ s|You can try again now)\\.");
  }

  @Then("the API key field is open")
  public void theKeyFieldIsOpen() {
    assertThat(byTestId("api-key").isDisplayed()).isTrue();
    assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id"))
        .isEqualTo("api-key");
  }

  @Then("no element from the question exists in the page, and no alert opened")
  public void noMarkupRan() {
    assertThat(byTestId("query-input").getDomProperty("value")).contains("<img src=x");
    assertThat(browser.driver().findElements(By.cssSelector("main img, main b, main script")))
        .isEmpty();
    try {
      browser.driver().switchTo().alert();
      throw new AssertionError("an alert opened: the question's markup ran");
    } catch (NoAlertPresentException expected) {
      // as it should be
    }
  }

  @Then("within {int} seconds the console's status strip says {string}")
  public void theStatusStripSays(int seconds, String text) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds))
        .until(d -> byTestId("status").getText().startsWith(text));
  }

  @Then("the link's question is the session's only turn, and the address is {string} again")
  public void theLinkLeftTheAddress(String path) {
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(Client.baseUri(Target.GATEWAY) + path);
    theHistoryShows(byTestId("query-input").getDomProperty("value"));
  }

  @Then("the console's stream reader, fed one byte at a time, yields {string}")
  public void theStreamReaderYields(String expected) {
    Object events =
        browser.asyncScript(
            """
            const done = arguments[arguments.length - 1];
            import("/console/sse.js").then(async ({ serverSentEvents }) => {
              const text = ': a comment\\r\\nevent: first\\r\\ndata: x\\r\\n\\r\\n'
                + 'event:second\\ndata:{"t":"é€"}\\n\\n'
                + 'data: 1\\rdata: 2\\r\\r' + 'event: never-ended\\ndata: y\\n';
              const bytes = new TextEncoder().encode(text);
              const body = new ReadableStream({ start(c) {
                bytes.forEach(b => c.enqueue(new Uint8Array([b]))); c.close(); } });
              const out = [];
              for await (const e of serverSentEvents(body)) out.push(`${e.event}=${e.data}`);
              done(out.join(" | "));
            }, e => done("import failed: " + e));
            """);
    assertThat(events).isEqualTo(expected.replace("\\n", "\n"));
  }

  @Then("nothing on the page is wider than the screen")
  public void nothingIsWiderThanTheScreen() {
    Object overflow =
        browser.script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue())
        .as("pixels scrolled sideways")
        .isLessThanOrEqualTo(0);
    assertThat(byTestId("answer").getText()).isNotBlank();
  }

  @Then("axe-core finds no WCAG 2.1 A or AA violation on the page")
  public void axeFindsNoViolation() {
    String axe;
    try {
      axe = Files.readString(Browser.axeScript());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    browser.script(axe);
    Object violations =
        browser.asyncScript(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: "tag",
                               values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
              .then(r => done(r.violations.map(v =>
                  `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)),
                    e => done(["axe failed: " + e]));
            """);
    assertThat((List<?>) violations).as("axe-core's violations").isEmpty();
  }

  private void open(Dimension window, String key) {
    browser = Browser.open(window);
    browser.driver().get(Client.baseUri(Target.GATEWAY) + "/");
    WebElement keyBox = browser.driver().findElement(By.id("key-box"));
    keyBox.findElement(By.tagName("summary")).click();
    byTestId("api-key").sendKeys(key);
  }

  /** Waits until the question has run: the result idle again, with an answer or an error. */
  private void awaitTheAnswer() {
    browser
        .waiting()
        .until(
            d ->
                "idle".equals(byTestId("result").getDomAttribute("data-state"))
                    && (byTestId("answer-meta").getText().endsWith(" ms")
                        || byTestId("error").isDisplayed()));
  }

  /** What the API itself answers to the question (answered or redirected alike). */
  private JsonPath apiAnswer(String question) {
    var response = QuerySteps.ask(client, Target.GATEWAY, Map.of("query", question));
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    return response.jsonPath();
  }

  private JsonPath readSession(String id, int status) {
    var response = client.to(Target.GATEWAY).get("/api/v1/sessions/" + id + "?limit=100");
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(status);
    return response.jsonPath();
  }

  private String sessionIdShown() {
    String text = byTestId("session-id").getText();
    assertThat(text).startsWith("Session ");
    return text.substring("Session ".length(), text.indexOf(':'));
  }

  /** The history is loaded after the answer; waits for it, then fails with what it shows. */
  private void historyBecomes(List<String> queries) {
    try {
      browser.waiting().until(d -> historyQueries().equals(queries));
    } catch (TimeoutException e) {
      assertThat(historyQueries()).isEqualTo(queries);
    }
  }

  private List<String> historyQueries() {
    return texts("turn-query");
  }

  private List<String> historyNumbers() {
    return browser.driver().findElements(By.cssSelector("[data-testid=turn] .turn-number")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private List<String> texts(String testId) {
    return browser.driver().findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private WebElement byTestId(String testId) {
    return browser.driver().findElement(By.cssSelector("[data-testid=" + testId + "]"));
  }

  /** The last number in a text, e.g. 0.71 of "Dominant frequency 0.71 Hz". */
  private static double number(String text) {
    Matcher last = LAST_NUMBER.matcher(text);
    assertThat(last.find()).as("a number in \"%s\"", text).isTrue();
    return Double.parseDouble(last.group(1));
  }

  private static String keyOfTheSuite() {
    List<String> keys = Stack.get().apiKeys();
    return keys.isEmpty() ? "" : keys.get(0);
  }
}
