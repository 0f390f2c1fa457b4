package io.jessy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "0.0,     0.00",
    "1.2,     1.20",
    "0.9,     0.90",
    "0.05,    0.05",
    "0.956,   0.96",
    "2.125,   2.13",
    "3.999,   4.00",
    "12.3456, 12.35",
    "-1.5,    -1.50",
    "-0.004,  0.00"
  })
  void formatsWithTwoDecimalsAndADot(double value, String expected) {
    assertThat(Decimals.two(value)).isEqualTo(expected);
  }
}
