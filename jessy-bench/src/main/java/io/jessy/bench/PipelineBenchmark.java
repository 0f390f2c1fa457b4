package io.jessy.bench;

import io.jessy.engine.Answer;
import io.jessy.engine.DimensionRegistry;
import io.jessy.engine.LocalAnswerGenerator;
import io.jessy.engine.Pipeline;
import io.jessy.engine.Reflection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole in-process pipeline — safety gate, tokenizer, navigation, interference, nine iterations
 * and the local answer — on a rotating mix of queries. Target: at least 20 000 queries/s on one
 * thread. Run with {@code make bench}; results go to docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

  /** Short and long, single- and multi-dimension, fallback, return-to-source and a redirect. */
  static final String[] QUERIES = {
    "I have been feeling sad and lonely since my friend moved away",
    "What is consciousness?",
    "How do I deploy a Java server with Docker containers and keep latency low?",
    "Is it ethical to break a promise if it protects someone from harm?",
    "the of and",
    "feel think want friend time philosophy code art memory pattern language learn",
    "Can you explain the grammar of this sentence and teach me some vocabulary?",
    "I want to kill myself",
    "Why do I keep repeating the same patterns in my relationships, and what does my childhood"
        + " memory have to do with the way I feel about love, trust and belonging today?",
  };

  private Pipeline pipeline;
  private LocalAnswerGenerator generator;
  private int next;

  @Setup
  public void setUp() {
    pipeline = Pipeline.create(DimensionRegistry.loadDefault(), 0.1);
    generator = new LocalAnswerGenerator();
  }

  @Benchmark
  public Answer query() {
    String query = QUERIES[next];
    next = (next + 1) % QUERIES.length;
    Reflection reflection = pipeline.reflect(query, 9);
    return Pipeline.answer(reflection, generator);
  }
}
