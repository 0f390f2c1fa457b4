package io.jessy.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

/**
 * A headless Chromium for one scenario, driven through its ChromeDriver: Debian's packages ({@code
 * chromium}, {@code chromium-driver}) at {@code /usr/bin}, or {@code JESSY_CHROMIUM} and {@code
 * JESSY_CHROMEDRIVER}. Selenium is given both paths, so it never looks for a driver to download.
 * Without them the {@code @browser} scenarios are skipped, unless {@code
 * JESSY_BROWSER_REQUIRED=true} (set by CI), which makes a missing browser a failure.
 */
final class Browser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(15);

  /** Windows narrower than this are phones, emulated as such. */
  private static final int PHONE_BELOW = 600;

  /**
   * Selenium warns at every start that it has no DevTools bindings for this Chromium version; the
   * scenarios use none. Held here: java.util.logging keeps only weak references to loggers.
   */
  private static final Logger CDP_VERSION_WARNINGS =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
  }

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser open(Dimension window) {
    Path chromium = Path.of(Stack.setting("JESSY_CHROMIUM").orElse("/usr/bin/chromium"));
    Path chromedriver =
        Path.of(Stack.setting("JESSY_CHROMEDRIVER").orElse("/usr/bin/chromedriver"));
    for (Path tool : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(tool)) {
        unavailable(tool + " is missing (apt-get install chromium chromium-driver)");
      }
    }
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(chromium.toFile())
            .addArguments(
                "--headless=new",
                // Chromium's sandbox refuses to run as root, which CI is.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                // Without these, Chromium calls out to Google at start and on a closed network
                // waits for the refusals.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + window.width + "," + window.height);
    if (window.width < PHONE_BELOW) {
      // Chromium's windows are at least ~500 px wide; a phone's screen is emulated instead.
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of(
              "deviceMetrics",
              Map.of("width", window.width, "height", window.height, "pixelRatio", 2.0)));
    }
    // The page's console (CSP violations, uncaught errors) is read back after each scenario.
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, WAIT);
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  Object asyncScript(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
  }

  /** Saves a screenshot of the window under {@code target/screenshots/} and returns its bytes. */
  byte[] screenshot(String name) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path file = Path.of("target", "screenshots", name + ".png");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png;
  }

  /** What the page wrote to the browser's console since the last call. */
  List<LogEntry> consoleEntries() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** The axe-core script to check the page with: {@code JESSY_AXE_SCRIPT} (CI installs it). */
  static Path axeScript() {
    Optional<Path> script = Stack.setting("JESSY_AXE_SCRIPT").map(Path::of);
    if (script.isEmpty() || !Files.isRegularFile(script.get())) {
      unavailable(
          "JESSY_AXE_SCRIPT does not name axe-core's axe.min.js"
              + " (scripts/browser-local.sh installs it)");
    }
    return script.get();
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static void unavailable(String why) {
    if (Stack.setting("JESSY_BROWSER_REQUIRED").map(Boolean::parseBoolean).orElse(false)) {
      throw new IllegalStateException(why + ", and JESSY_BROWSER_REQUIRED=true");
    }
    throw new TestAbortedException(why);
  }
}
