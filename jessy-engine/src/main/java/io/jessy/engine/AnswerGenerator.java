package io.jessy.engine;

/** Port: turns a completed reflection into an answer. Implementations must be thread-safe. */
@FunctionalInterface
public interface AnswerGenerator {

  Answer generate(Reflection.Completed reflection);
}
