package io.jessy.engine;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stops harmful-intent queries before the pipeline runs. Matching is on whole words of the
 * lower-cased, NFKC-normalised query with punctuation and hyphens folded to spaces, so "Kill
 * myself!", "kill-myself" and fullwidth "ｋｉｌｌ ｍｙｓｅｌｆ" match "kill myself", and "skill myself" does
 * not.
 */
public final class SafetyGate {

  private record Rule(SafetyCategory category, String paddedPhrase) {}

  private final List<Rule> rules =
      Arrays.stream(SafetyCategory.values())
          .flatMap(c -> c.phrases().stream().map(p -> new Rule(c, " " + p + " ")))
          .toList();

  public Optional<SafetyCategory> check(String query) {
    String text = normalise(query);
    for (Rule rule : rules) {
      if (text.contains(rule.paddedPhrase())) {
        return Optional.of(rule.category());
      }
    }
    return Optional.empty();
  }

  /**
   * Lower case, every run of characters other than letters, digits and inner apostrophes as one
   * space, padded with a space at each end.
   */
  static String normalise(String query) {
    String folded = isAscii(query) ? query : Normalizer.normalize(query, Normalizer.Form.NFKC);
    String lower = folded.toLowerCase(Locale.ROOT).replace('’', '\'');
    StringBuilder out = new StringBuilder(lower.length() + 2).append(' ');
    boolean space = true;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      int next = i + Character.charCount(cp);
      // Only an inner apostrophe is part of a word: a quoted "'kill myself'" must still match.
      boolean inner =
          cp == '\''
              && !space
              && next < lower.length()
              && Character.isLetterOrDigit(lower.codePointAt(next));
      if (Character.isLetterOrDigit(cp) || inner) {
        out.appendCodePoint(cp);
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
      i = next;
    }
    if (!space) {
      out.append(' ');
    }
    return out.toString();
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }
}
