package io.jessy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Generated inputs for property tests, reproducible by seed: every run checks the same {@link
 * #TRIES} inputs per property unless {@code -Djessy.test.seed=…} (or {@code -Djessy.test.tries=…})
 * asks for others. A failing query is shrunk to a minimal one before it is reported, together with
 * the seed of the try that found it.
 */
final class GeneratedQueries {

  static final long SEED = Long.getLong("jessy.test.seed", 20_261_127L);
  static final int TRIES = Integer.getInteger("jessy.test.tries", 1000);

  private static final int SHRINK_BUDGET = 5_000;

  /** Every keyword of the shipped registry, sorted so that a seed always picks the same words. */
  static final List<String> KEYWORDS =
      Fixtures.SHIPPED.all().stream()
          .flatMap(d -> d.layers().stream())
          .flatMap(layer -> layer.keywords().stream())
          .distinct()
          .sorted()
          .toList();

  /** Each dimension's root keywords, sorted; only these count toward a dimension's confidence. */
  static final List<List<String>> ROOT_KEYWORDS =
      Fixtures.SHIPPED.all().stream()
          .map(d -> d.root().keywords().stream().sorted().toList())
          .toList();

  /** Each dimension's keywords by layer, sorted. */
  static final List<List<List<String>>> LAYER_KEYWORDS =
      Fixtures.SHIPPED.all().stream()
          .map(
              d ->
                  d.layers().stream()
                      .map(layer -> layer.keywords().stream().sorted().toList())
                      .toList())
          .toList();

  private static final List<String> STOP_WORDS =
      Fixtures.TOKENIZER.stopWords().stream().sorted().toList();

  private static final List<String> FILLER =
      List.of("alpha", "bravo", "charlie", "delta", "echo", "xyzzy", "42", "naïve", "über");

  private static final String[] SEPARATORS = {
    " ", " ", " ", "  ", ", ", "! ", "? ", "\n", " - ", "... ", "\t", " (", ") ", " \"", "\" "
  };

  private static final String[] LETTERS = {
    "é", "É", "ß", "ñ", "Ø", "ı", "İ", "ǅ", "ŉ", "ﬁ", "Σ", "ς", "λ", "Ж", "я", "日", "本", "ア", "ع",
    "क"
  };

  private static final String PUNCTUATION = ".,;:!?()[]{}\"/\\@#&*_";

  private static final String JOINERS = "'’-\u2010";

  private static final String[] MARKS = {"\u0301", "\u0307", "\u0903", "\u20dd"};

  private static final String[] SUPPLEMENTARY = {"😀", "𝔘", "\ud801\udc00", "𐐨"};

  private GeneratedQueries() {}

  /** Where generated queries come from; each property runs against both. */
  enum Source {
    /** Any text: letters of many scripts, marks, punctuation, joiners, lone surrogates. */
    ARBITRARY_TEXT {
      @Override
      String next(SplittableRandom random) {
        int length = random.nextInt(10) == 0 ? random.nextInt(120, 400) : random.nextInt(0, 60);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          appendCharacter(random, text);
        }
        return text.toString();
      }
    },

    /**
     * Real registry keywords mixed with stop-words and filler, so navigation activates; one query
     * in ten takes a root keyword from each of several dimensions, so that return-to-source
     * happens.
     */
    REGISTRY_KEYWORDS {
      @Override
      String next(SplittableRandom random) {
        List<String> words = new ArrayList<>();
        int shape = random.nextInt(10);
        if (shape == 0) {
          List<List<String>> roots = new ArrayList<>(ROOT_KEYWORDS);
          int dimensions = random.nextInt(2, roots.size() + 1);
          for (int i = 0; i < dimensions; i++) {
            words.add(pick(random, roots.remove(random.nextInt(roots.size()))));
          }
        } else if (shape == 1) {
          int dimensions = random.nextInt(1, 3);
          for (int i = 0; i < dimensions; i++) {
            List<List<String>> layers = pick(random, LAYER_KEYWORDS);
            int depth = random.nextInt(1, Dimension.LAYER_COUNT);
            for (int level = 0; level <= depth; level++) {
              words.add(pick(random, layers.get(level)));
            }
          }
        } else {
          int count = random.nextInt(10) < 8 ? random.nextInt(1, 9) : random.nextInt(9, 70);
          for (int i = 0; i < count; i++) {
            words.add(word(random));
          }
        }
        StringBuilder text = new StringBuilder();
        for (String word : words) {
          if (!text.isEmpty()) {
            text.append(pick(random, SEPARATORS));
          }
          text.append(casing(random, word));
        }
        return text.toString();
      }
    };

    abstract String next(SplittableRandom random);
  }

  /** Checks {@code property} on {@link #TRIES} queries from {@code source}, shrinking a failure. */
  static void forAll(Source source, Consumer<String> property) {
    SplittableRandom seeds = new SplittableRandom(SEED + source.ordinal());
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      long seed = seeds.nextLong();
      String query = source.next(new SplittableRandom(seed));
      if (failure(property, query) != null) {
        String smallest = shrink(query, property);
        throw new AssertionError(
            "property falsified by %s try %d of %d (try seed %d, run seed %d)%n  shrunk:   %s%n  original: %s"
                .formatted(source, attempt, TRIES, seed, SEED, quote(smallest), quote(query)),
            failure(property, smallest));
      }
    }
  }

  /** Checks {@code property} on {@link #TRIES} generated values; values are reported as is. */
  static <T> void forAll(
      String name, Function<SplittableRandom, T> generator, Consumer<T> property) {
    SplittableRandom seeds = new SplittableRandom(SEED + name.hashCode());
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      long seed = seeds.nextLong();
      T value = generator.apply(new SplittableRandom(seed));
      try {
        property.accept(value);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "property falsified by %s try %d of %d (try seed %d, run seed %d): %s"
                .formatted(name, attempt, TRIES, seed, SEED, value),
            e);
      }
    }
  }

  /** The queries {@code source} yields in a run, for checks on the generator itself. */
  static Stream<String> sample(Source source) {
    SplittableRandom seeds = new SplittableRandom(SEED + source.ordinal());
    return Stream.generate(() -> source.next(new SplittableRandom(seeds.nextLong()))).limit(TRIES);
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** The same word as written, upper-cased or capitalised. */
  static String casing(SplittableRandom random, String word) {
    return switch (random.nextInt(5)) {
      case 0 -> word.toUpperCase(Locale.ROOT);
      case 1 -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
      default -> word;
    };
  }

  private static String word(SplittableRandom random) {
    int kind = random.nextInt(100);
    if (kind < 35) {
      return pick(random, pick(random, ROOT_KEYWORDS));
    }
    if (kind < 70) {
      return pick(random, KEYWORDS);
    }
    return kind < 85 ? pick(random, STOP_WORDS) : pick(random, FILLER);
  }

  private static void appendCharacter(SplittableRandom random, StringBuilder text) {
    int kind = random.nextInt(100);
    if (kind < 35) {
      char letter = (char) ('a' + random.nextInt(26));
      text.append(random.nextBoolean() ? letter : Character.toUpperCase(letter));
    } else if (kind < 43) {
      text.append((char) ('0' + random.nextInt(10)));
    } else if (kind < 58) {
      text.append(pick(random, new String[] {" ", " ", "\t", "\n", "\u00a0", "\u2003"}));
    } else if (kind < 67) {
      text.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
    } else if (kind < 76) {
      text.append(JOINERS.charAt(random.nextInt(JOINERS.length())));
    } else if (kind < 88) {
      text.append(pick(random, LETTERS));
    } else if (kind < 92) {
      text.append(pick(random, MARKS));
    } else if (kind < 96) {
      text.append(pick(random, SUPPLEMENTARY));
    } else if (kind < 98) {
      text.append(random.nextBoolean() ? '\ud800' : '\udc00');
    } else {
      int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
      text.appendCodePoint(codePoint);
    }
  }

  private static Throwable failure(Consumer<String> property, String query) {
    try {
      property.accept(query);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  /** Removes ever smaller runs of code points while the property still fails. */
  private static String shrink(String query, Consumer<String> property) {
    String current = query;
    int budget = SHRINK_BUDGET;
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      int[] codePoints = current.codePoints().toArray();
      for (int chunk = Math.max(1, codePoints.length / 2); chunk >= 1 && !progress; chunk /= 2) {
        for (int start = 0; start + chunk <= codePoints.length && budget > 0; start += chunk) {
          String candidate = without(codePoints, start, chunk);
          budget--;
          if (failure(property, candidate) != null) {
            current = candidate;
            progress = true;
            break;
          }
        }
      }
    }
    return current;
  }

  private static String without(int[] codePoints, int start, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints.length; i++) {
      if (i < start || i >= start + length) {
        text.appendCodePoint(codePoints[i]);
      }
    }
    return text.toString();
  }

  /** A Java string literal, escaping what a terminal would hide. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.chars()
        .forEach(
            c -> {
              int type = Character.getType(c);
              boolean hidden =
                  c < 0x20
                      || c == '"'
                      || c == '\\'
                      || type == Character.SURROGATE
                      || type == Character.FORMAT
                      || type == Character.NON_SPACING_MARK
                      || type == Character.ENCLOSING_MARK
                      || type == Character.CONTROL
                      || type == Character.UNASSIGNED
                      || Character.isWhitespace(c) && c != ' ';
              quoted.append(hidden ? "\\u%04x".formatted(c) : String.valueOf((char) c));
            });
    return quoted.append('"').toString();
  }
}
