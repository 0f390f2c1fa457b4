package io.jessy.engine;

/**
 * Formats numbers for generated text without {@link String#format}, which dominated the pipeline's
 * profile. Always a dot and two decimals, whatever the default locale.
 */
final class Decimals {

  private Decimals() {}

  /** {@code 1.2} → {@code "1.20"}; halves round up, as {@link Math#round(double)} does. */
  static String two(double value) {
    long hundredths = Math.round(value * 100);
    StringBuilder out = new StringBuilder(8);
    if (hundredths < 0) {
      out.append('-');
      hundredths = -hundredths;
    }
    long fraction = hundredths % 100;
    out.append(hundredths / 100).append('.');
    if (fraction < 10) {
      out.append('0');
    }
    return out.append(fraction).toString();
  }
}
