package io.jessy.engine;

import static io.jessy.engine.GeneratedQueries.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jessy.engine.GeneratedQueries.Source;
import io.jessy.engine.Iteration.Phase;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invariants of the pipeline over generated queries: arbitrary text, and real registry keywords
 * mixed with stop-words so that navigation activates, walks layers and returns to source.
 */
class PipelinePropertiesTest {

  private static final double EPSILON = 1e-9;

  private final Pipeline pipeline = Pipeline.create(Fixtures.SHIPPED, Navigator.DEFAULT_THRESHOLD);
  private final Pipeline independent =
      Pipeline.create(DimensionRegistry.loadDefault(), Navigator.DEFAULT_THRESHOLD);
  private final Tokenizer tokenizer = Fixtures.TOKENIZER;
  private final AnswerGenerator generator = new LocalAnswerGenerator();

  @ParameterizedTest
  @EnumSource(Source.class)
  void givesEqualReflectionsAndAnswersForTheSameQuery(Source source) {
    forAll(
        source,
        query -> {
          Reflection first = pipeline.reflect(query, 9);
          Reflection again = pipeline.reflect(query, 9);
          Reflection elsewhere = independent.reflect(query, 9);

          assertThat(again).isEqualTo(first);
          assertThat(elsewhere).isEqualTo(first);
          assertThat(Pipeline.answer(elsewhere, generator))
              .isEqualTo(Pipeline.answer(first, generator));
        });
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void keepsNavigationConfidencesInTheUnitIntervalAndRanked(Source source) {
    forAll(
        source,
        query ->
            completed(query, 9)
                .ifPresent(
                    reflection -> {
                      Navigation navigation = reflection.navigation();
                      Set<String> distinct = new LinkedHashSet<>(navigation.tokens());
                      List<ActivatedDimension> dimensions = navigation.dimensions();

                      assertThat(dimensions).hasSizeBetween(1, Navigator.MAX_ACTIVATED);
                      for (ActivatedDimension d : dimensions) {
                        assertThat(d.confidence()).isBetween(0.0, 1.0);
                        assertThat(d.path().get(0)).isEqualTo(d.dimension().root());
                        assertThat(d.path())
                            .extracting(Layer::level)
                            .isEqualTo(IntStream.range(0, d.path().size()).boxed().toList());
                        if (!navigation.fallback()) {
                          assertThat(d.matches()).isEqualTo(d.dimension().root().matches(distinct));
                          assertThat(d.confidence())
                              .isEqualTo((double) d.matches() / distinct.size())
                              .isGreaterThanOrEqualTo(Navigator.DEFAULT_THRESHOLD);
                        }
                      }
                      for (int i = 1; i < dimensions.size(); i++) {
                        assertRankedBefore(dimensions.get(i - 1), dimensions.get(i));
                      }
                      if (navigation.fallback()) {
                        assertThat(dimensions)
                            .singleElement()
                            .satisfies(
                                d -> {
                                  assertThat(d.dimension().id()).isEqualTo(10);
                                  assertThat(d.confidence()).isZero();
                                });
                        assertThat(navigation.returnToSource()).isFalse();
                      }
                      if (navigation.returnToSource()) {
                        assertThat(dimensions).hasSize(Navigator.RETURN_TO_SOURCE_KEEP);
                      } else {
                        assertThat(dimensions).hasSizeLessThanOrEqualTo(6);
                      }
                    }));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void raisesIterationConfidenceWithinTheUnitIntervalAndNeverLowersIt(Source source) {
    forAll(
        source,
        query -> {
          for (int max = 1; max <= IterationProcessor.MAX_ITERATIONS; max++) {
            Optional<Reflection.Completed> reflection = completed(query, max);
            if (reflection.isEmpty()) {
              return;
            }
            List<Iteration> steps = reflection.get().iterations().steps();
            assertThat(steps).hasSizeBetween(1, max);
            double previous = 0;
            for (int i = 0; i < steps.size(); i++) {
              Iteration step = steps.get(i);
              assertThat(step.number()).isEqualTo(i + 1);
              assertThat(step.phase()).isEqualTo(Phase.of(i + 1));
              assertThat(step.confidence()).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
              previous = step.confidence();
            }
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void neverConvergesBeforeTheFourthIterationAndStopsWhenItDoes(Source source) {
    forAll(
        source,
        query -> {
          for (int max = 1; max <= IterationProcessor.MAX_ITERATIONS; max++) {
            Optional<Reflection.Completed> reflection = completed(query, max);
            if (reflection.isEmpty()) {
              return;
            }
            Iterations iterations = reflection.get().iterations();
            if (iterations.converged()) {
              assertThat(iterations.count())
                  .isGreaterThanOrEqualTo(IterationProcessor.MIN_ITERATIONS_TO_CONVERGE);
              assertThat(iterations.confidence()).isGreaterThanOrEqualTo(0.95);
              assertThat(iterations.steps().subList(3, iterations.count() - 1))
                  .allSatisfy(step -> assertThat(step.confidence()).isLessThan(0.95));
            } else {
              assertThat(iterations.count()).isEqualTo(max);
            }
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void keepsTheDominantFrequencyAmongTheActivatedOnesUnlessBalanced(Source source) {
    forAll(
        source,
        query ->
            completed(query, 9)
                .ifPresent(
                    reflection -> {
                      double[] frequencies =
                          reflection.navigation().dimensions().stream()
                              .mapToDouble(ActivatedDimension::frequency)
                              .toArray();
                      double min = Arrays.stream(frequencies).min().orElseThrow();
                      double max = Arrays.stream(frequencies).max().orElseThrow();
                      Interference interference = reflection.interference();
                      double original = interference.balance().originalFrequency();

                      assertThat(original).isBetween(min - EPSILON, max + EPSILON);
                      if (interference.balance().applied()) {
                        assertThat(
                                original > InterferenceEngine.BALANCE_ABOVE
                                    || interference.unresolvedDissonances()
                                        > InterferenceEngine.MAX_UNRESOLVED_DISSONANCES)
                            .isTrue();
                        assertThat(interference.dominantFrequency())
                            .isCloseTo(
                                (original + InterferenceEngine.BALANCE_FREQUENCY) / 2,
                                within(EPSILON));
                      } else {
                        assertThat(interference.dominantFrequency())
                            .isBetween(min - EPSILON, max + EPSILON)
                            .isEqualTo(original);
                        assertThat(interference.balance().reason()).isEmpty();
                      }
                    }));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void tokenizesIntoAtMostFiftyWordsWithoutStopWords(Source source) {
    forAll(
        source,
        query -> {
          List<String> tokens = tokenizer.tokenize(query);

          assertThat(tokens).hasSizeLessThanOrEqualTo(Tokenizer.MAX_TOKENS);
          assertThat(tokens).doesNotContainAnyElementsOf(tokenizer.stopWords());
          for (String token : tokens) {
            assertThat(token).isNotEmpty().isEqualTo(token.toLowerCase(Locale.ROOT));
            assertThat(Character.isLetterOrDigit(token.codePointAt(0))).as(token).isTrue();
            int last = token.codePointBefore(token.length());
            assertThat(last != '\'' && last != '-').as(token).isTrue();
            assertThat(token.codePoints())
                .allMatch(cp -> cp == '\'' || cp == '-' || !Character.isWhitespace(cp));
          }
        });
  }

  @Test
  void redirectsEveryHarmfulPhraseHoweverItIsWritten() {
    SafetyGate gate = new SafetyGate();
    forAll(
        "wrapped harmful phrase",
        PipelinePropertiesTest::wrappedPhrase,
        wrapped -> assertThat(gate.check(wrapped.query())).contains(wrapped.category()));
  }

  @Test
  void generatesKeywordQueriesThatExerciseEveryNavigationOutcome() {
    List<Reflection> reflections =
        GeneratedQueries.sample(Source.REGISTRY_KEYWORDS).map(q -> pipeline.reflect(q, 9)).toList();
    List<Reflection.Completed> completed =
        reflections.stream()
            .filter(Reflection.Completed.class::isInstance)
            .map(Reflection.Completed.class::cast)
            .toList();

    assertThat(completed.size()).isGreaterThan(reflections.size() * 9 / 10);
    assertThat(completed.stream().filter(r -> !r.navigation().fallback()).count())
        .isGreaterThan(completed.size() / 2L);
    assertThat(completed).anyMatch(r -> r.navigation().fallback());
    assertThat(completed).anyMatch(r -> r.navigation().returnToSource());
    assertThat(completed).anyMatch(r -> r.navigation().dimensions().size() >= 4);
    assertThat(completed).anyMatch(r -> r.interference().balance().applied());
    assertThat(completed).anyMatch(r -> !r.interference().harmonics().isEmpty());
    assertThat(completed).anyMatch(r -> r.navigation().tokens().size() == Tokenizer.MAX_TOKENS);
    assertThat(completed)
        .anyMatch(r -> r.navigation().dimensions().stream().anyMatch(d -> d.path().size() > 1));
  }

  @Test
  void generatesArbitraryTextThatOftenYieldsTokens() {
    long withTokens =
        GeneratedQueries.sample(Source.ARBITRARY_TEXT)
            .filter(q -> !tokenizer.tokenize(q).isEmpty())
            .count();

    assertThat(withTokens).isGreaterThan(GeneratedQueries.TRIES / 2L);
  }

  private Optional<Reflection.Completed> completed(String query, int maxIterations) {
    return pipeline.reflect(query, maxIterations) instanceof Reflection.Completed c
        ? Optional.of(c)
        : Optional.empty();
  }

  private static void assertRankedBefore(ActivatedDimension higher, ActivatedDimension lower) {
    assertThat(higher.confidence()).isGreaterThanOrEqualTo(lower.confidence());
    if (higher.confidence() == lower.confidence()) {
      assertThat(higher.matches()).isGreaterThanOrEqualTo(lower.matches());
      if (higher.matches() == lower.matches()) {
        assertThat(higher.dimension().id()).isLessThan(lower.dimension().id());
      }
    }
  }

  record WrappedPhrase(SafetyCategory category, String query) {}

  private static final String[] PHRASE_SEPARATORS = {" ", "  ", "\t", "\n", "... ", ", ", " - "};
  private static final String[] OPENERS = {"", "'", "\"", "(", "-", "«", "¿", "*"};
  private static final String[] CLOSERS = {"", "'", "\"", ")", "-", "»", "?!", ".", "’"};

  private static WrappedPhrase wrappedPhrase(SplittableRandom random) {
    SafetyCategory category = GeneratedQueries.pick(random, Arrays.asList(SafetyCategory.values()));
    String phrase = GeneratedQueries.pick(random, category.phrases());
    StringBuilder query = new StringBuilder();
    if (random.nextBoolean()) {
      query.append("so ").append(GeneratedQueries.pick(random, PHRASE_SEPARATORS));
    }
    query.append(GeneratedQueries.pick(random, OPENERS));
    String[] words = phrase.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        query.append(GeneratedQueries.pick(random, PHRASE_SEPARATORS));
      }
      String word = random.nextBoolean() ? words[i].replace('\'', '’') : words[i];
      query.append(GeneratedQueries.casing(random, word));
    }
    query.append(GeneratedQueries.pick(random, CLOSERS));
    if (random.nextBoolean()) {
      query.append(GeneratedQueries.pick(random, PHRASE_SEPARATORS)).append("now");
    }
    return new WrappedPhrase(category, query.toString());
  }
}
