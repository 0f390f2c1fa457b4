package io.jessy.engine;

import java.util.Optional;

/**
 * The whole deterministic pipeline: safety gate, tokenizer, navigator, interference and iteration,
 * then an {@link AnswerGenerator}. Thread-safe; the same query always gives the same reflection.
 */
public final class Pipeline {

  private final SafetyGate safetyGate;
  private final Tokenizer tokenizer;
  private final Navigator navigator;
  private final InterferenceEngine interference;
  private final IterationProcessor iterations;

  public Pipeline(
      SafetyGate safetyGate,
      Tokenizer tokenizer,
      Navigator navigator,
      InterferenceEngine interference,
      IterationProcessor iterations) {
    this.safetyGate = safetyGate;
    this.tokenizer = tokenizer;
    this.navigator = navigator;
    this.interference = interference;
    this.iterations = iterations;
  }

  /** A pipeline over {@code registry} with the shipped stop-words and the given threshold. */
  public static Pipeline create(DimensionRegistry registry, double navigationThreshold) {
    return new Pipeline(
        new SafetyGate(),
        Tokenizer.withDefaultStopWords(),
        new Navigator(registry, navigationThreshold),
        new InterferenceEngine(),
        new IterationProcessor());
  }

  /** Everything up to, not including, the answer. */
  public Reflection reflect(String query, int maxIterations) {
    return reflect(query, maxIterations, StepObserver.NONE);
  }

  /** The same, each step run through {@code steps} (to trace it, say). */
  public Reflection reflect(String query, int maxIterations, StepObserver steps) {
    IterationProcessor.requireValidLimit(maxIterations);
    Optional<SafetyCategory> redirect = steps.step("safety", () -> safetyGate.check(query));
    if (redirect.isPresent()) {
      return new Reflection.Redirected(query, redirect.get());
    }
    Navigation navigation =
        steps.step("navigation", () -> navigator.navigate(tokenizer.tokenize(query)));
    Interference waves =
        steps.step("interference", () -> interference.interfere(navigation.dimensions()));
    Iterations thoughts =
        steps.step("iterations", () -> iterations.iterate(navigation, waves, maxIterations));
    return new Reflection.Completed(query, navigation, waves, thoughts);
  }

  /** The answer to a reflection: the redirect text, or what the generator makes of it. */
  public static Answer answer(Reflection reflection, AnswerGenerator generator) {
    if (reflection instanceof Reflection.Redirected redirected) {
      return new Answer(redirected.category().redirect(), Answer.Source.SAFETY);
    }
    return generator.generate((Reflection.Completed) reflection);
  }
}
