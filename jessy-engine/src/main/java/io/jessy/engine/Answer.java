package io.jessy.engine;

import java.util.Locale;
import java.util.Objects;

/** Jessy's answer and where it came from. */
public record Answer(String text, Source source) {

  public Answer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  public enum Source {
    /** The deterministic {@link LocalAnswerGenerator}. */
    LOCAL,
    /** A language model behind an OpenAI-compatible API. */
    LLM,
    /** The language model failed or timed out; the local generator answered instead. */
    FALLBACK,
    /** The safety gate redirected the query; no generator ran. */
    SAFETY;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
