package io.jessy.test;

import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import org.opentest4j.TestAbortedException;

/**
 * Starts the stack before the first scenario and stops it after the last; skips what cannot run.
 */
public class Hooks {

  @BeforeAll
  public static void startStack() {
    Stack.get();
  }

  @AfterAll
  public static void stopStack() {
    Stack.shutdown();
  }

  @Before("@controls-core")
  public void requireACoreTheSuiteStarted() {
    if (!Stack.get().controlsCore()) {
      throw new TestAbortedException(
          "the suite stops the core only when it started it (JESSY_*_URL unset)");
    }
  }

  @Before("@api-keys")
  public void requireApiKeys() {
    if (Stack.get().apiKeys().isEmpty()) {
      throw new TestAbortedException("JESSY_API_KEYS is empty: the gateway needs no key");
    }
  }

  /** The rate-limit scenarios spend the second key's allowance, so the rest keep the first's. */
  @Before("@rate-limit or @two-keys")
  public void requireTwoApiKeys() {
    if (Stack.get().apiKeys().size() < 2) {
      throw new TestAbortedException("JESSY_API_KEYS does not name two keys of the gateway");
    }
  }
}
