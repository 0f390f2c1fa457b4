package io.jessy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerTest {

  private final Tokenizer tokenizer = Fixtures.TOKENIZER;

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      emptyValue = "",
      textBlock =
          """
          Hello, World!                         | hello world
          I have been feeling sad and lonely    | feeling sad lonely
          What IS Consciousness?                | consciousness
          self-aware jessy                      | self-aware jessy
          'quoted' -dashed- trailing' -         | quoted dashed trailing
          mother-in-law's garden                | mother-in-law's garden
          x--y x''y x-'y                        | x y x y x y
          C3PO and R2-D2                        | c3po r2-d2
          rock’n’roll                           | rock'n'roll
          say ‘hello’                           | say hello
          snake_case/slash.dot                  | snake case slash dot
          2024 was 10x better                   | 2024 10x better
          """)
  void splitsOnAnythingButLettersDigitsAndInnerJoiners(String query, String expected) {
    assertThat(tokenizer.tokenize(query)).containsExactlyElementsOf(words(expected));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("unicodeCases")
  void lowerCasesWithLocaleRootAndKeepsUnicodeLetters(
      String query, List<String> expected, String description) {
    assertThat(tokenizer.tokenize(query)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> unicodeCases() {
    return Stream.of(
        arguments("ÉMOTION", List.of("émotion"), "accented capital"),
        arguments("STRASSE Straße", List.of("strasse", "straße"), "sharp s stays"),
        arguments("ΟΔΟΣ ΣΟΦΙΑΣ", List.of("οδος", "σοφιας"), "Greek final sigma"),
        arguments(
            "tab\tseparated\nlines\u00a0nbsp",
            List.of("tab", "separated", "lines", "nbsp"),
            "tabs, newlines and no-break spaces separate"),
        arguments("ЖИЗНЬ и смерть", List.of("жизнь", "и", "смерть"), "Cyrillic"),
        arguments("日本語 テキスト", List.of("日本語", "テキスト"), "CJK letters"),
        arguments("wait… ٣ cats", List.of("wait", "٣", "cats"), "Arabic-Indic digit"),
        arguments("𝔘nicode", List.of("𝔘nicode"), "supplementary-plane letter"),
        arguments("joy 😀 peace", List.of("joy", "peace"), "emoji separates"),
        arguments("TITLE", List.of("title"), "dotless I does not appear"),
        arguments("İSTANBUL", List.of("i\u0307stanbul"), "dotted capital I keeps its dot"),
        arguments("e\u0301motion", List.of("e\u0301motion"), "decomposed accent stays in word"),
        arguments("हिन्दी भाषा", List.of("हिन्दी", "भाषा"), "Devanagari vowel signs"),
        arguments("\u0301alone", List.of("alone"), "a leading mark is not a word"));
  }

  @Test
  void ignoresTheDefaultLocaleWhenLowerCasing() {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat("I".toLowerCase()).as("the Turkish locale is in effect").isEqualTo("ı");
      assertThat(tokenizer.tokenize("FEELING INTELLIGENCE"))
          .containsExactly("feeling", "intelligence");
    } finally {
      Locale.setDefault(previous);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "the of and", "The OF And!", "I’m what I've", "' - ’ --", "...?!"})
  void returnsNothingForBlankOrStopWordOnlyText(String query) {
    assertThat(tokenizer.tokenize(query)).isEmpty();
  }

  @Test
  void dropsStopWordsWrittenWithATypographicApostrophe() {
    assertThat(tokenizer.tokenize("I don’t know")).containsExactly("know");
  }

  @Test
  void keepsAtMostFiftyTokensInQueryOrder() {
    String query = String.join(" ", IntStream.rangeClosed(1, 60).mapToObj(i -> "w" + i).toList());

    List<String> tokens = tokenizer.tokenize(query);

    assertThat(tokens)
        .hasSize(Tokenizer.MAX_TOKENS)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(i -> "w" + i).toList());
  }

  @Test
  void countsOnlyKeptTokensTowardTheLimit() {
    List<String> words = new ArrayList<>();
    for (int i = 1; i <= 55; i++) {
      words.add("the");
      words.add("w" + i);
    }

    List<String> tokens = tokenizer.tokenize(String.join(" ", words));

    assertThat(tokens).hasSize(50).startsWith("w1", "w2").endsWith("w49", "w50");
  }

  @Test
  void keepsRepeatedTokensUpToTheLimit() {
    assertThat(tokenizer.tokenize("sad ".repeat(70))).hasSize(50).containsOnly("sad");
    assertThat(tokenizer.tokenize("sad sad")).containsExactly("sad", "sad");
  }

  @Test
  void stopsAtTheLimitEvenWhenTheLastWordRunsToTheEnd() {
    String query = String.join(" ", IntStream.rangeClosed(1, 51).mapToObj(i -> "w" + i).toList());

    assertThat(tokenizer.tokenize(query)).hasSize(50).last().isEqualTo("w50");
  }

  @Test
  void shipsTheEnglishStopWordsButNotTheWordsDimensionsNeed() {
    Set<String> stopWords = tokenizer.stopWords();

    assertThat(stopWords).contains("the", "of", "and", "i", "don't", "what", "is", "you're");
    assertThat(stopWords).doesNotContain("why", "being", "now", "always", "should", "self");
    assertThat(stopWords).noneMatch(word -> word.startsWith("#") || word.isBlank());
  }

  @Test
  void usesOnlyTheStopWordsItWasGiven() {
    Tokenizer custom = new Tokenizer(Set.of("foo"));

    assertThat(custom.tokenize("foo bar the")).containsExactly("bar", "the");
    assertThat(custom.stopWords()).containsExactly("foo");
  }

  @Test
  void returnsAnImmutableList() {
    List<String> tokens = tokenizer.tokenize("sad day");

    assertThatThrownBy(() -> tokens.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void letsEveryShippedKeywordThroughUnchanged() {
    List<String> unreachable =
        Fixtures.SHIPPED.all().stream()
            .flatMap(d -> d.layers().stream())
            .flatMap(layer -> layer.keywords().stream())
            .filter(keyword -> !tokenizer.tokenize(keyword).equals(List.of(keyword)))
            .toList();

    assertThat(unreachable).as("keywords a query can never produce").isEmpty();
  }

  private static List<String> words(String expected) {
    return expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
  }
}
