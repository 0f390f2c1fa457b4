package io.jessy.core;

import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.DimensionRegistry;
import io.jessy.engine.LocalAnswerGenerator;
import io.jessy.engine.Pipeline;
import io.jessy.engine.Reflection;

/** The engine as the core runs it by default, to compute the answers a query must get. */
public final class Golden {

  private static final Pipeline PIPELINE = Pipeline.create(DimensionRegistry.loadDefault(), 0.1);
  private static final AnswerGenerator LOCAL = new LocalAnswerGenerator();

  private Golden() {}

  public static Reflection.Completed reflect(String query) {
    return (Reflection.Completed) PIPELINE.reflect(query, 9);
  }

  /** The local generator's answer, which is also what a failed language model falls back to. */
  public static String localAnswer(String query) {
    return LOCAL.generate(reflect(query)).text();
  }
}
