package io.jessy.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a query into lower-case words: letters and digits (with the combining marks that follow
 * them), with an apostrophe or hyphen kept only between two of them ("don't", "self-aware").
 * Stop-words are dropped and at most {@link #MAX_TOKENS} tokens are kept, in query order.
 */
public final class Tokenizer {

  public static final int MAX_TOKENS = 50;

  private static final String STOP_WORDS_RESOURCE = "stopwords.txt";

  private final Set<String> stopWords;

  public Tokenizer(Set<String> stopWords) {
    this.stopWords = Set.copyOf(stopWords);
  }

  /** A tokenizer with the English stop-word list shipped with the engine. */
  public static Tokenizer withDefaultStopWords() {
    try (InputStream in = Tokenizer.class.getResourceAsStream(STOP_WORDS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing engine resource " + STOP_WORDS_RESOURCE);
      }
      Set<String> words = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word);
        }
      }
      return new Tokenizer(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> stopWords() {
    return stopWords;
  }

  public List<String> tokenize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int length = lower.length();
    int i = 0;
    while (i < length && tokens.size() < MAX_TOKENS) {
      int cp = lower.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || (isMark(cp) && !word.isEmpty())) {
        word.appendCodePoint(cp);
      } else if (isJoiner(cp)
          && !word.isEmpty()
          && next < length
          && Character.isLetterOrDigit(lower.codePointAt(next))) {
        word.append(cp == '-' ? '-' : '\'');
      } else {
        emit(word, tokens);
      }
      i = next;
    }
    if (tokens.size() < MAX_TOKENS) {
      emit(word, tokens);
    }
    return List.copyOf(tokens);
  }

  private void emit(StringBuilder word, List<String> tokens) {
    if (!word.isEmpty()) {
      String token = word.toString();
      if (!stopWords.contains(token)) {
        tokens.add(token);
      }
      word.setLength(0);
    }
  }

  /**
   * A combining mark belongs to the letter before it, as in Unicode word segmentation (UAX #29,
   * WB4): "İ" lower-cases to "i" + U+0307 and decomposed "é" is "e" + U+0301, neither of which may
   * split a word. https://www.unicode.org/reports/tr29/#WB4
   */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Apostrophes (straight or typographic) and hyphens join the letters around them. */
  private static boolean isJoiner(int cp) {
    return cp == '\'' || cp == '’' || cp == '-';
  }
}
