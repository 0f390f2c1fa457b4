package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DatabaseUrl}: both accepted forms, credentials lifted out, errors naming the variable. */
class DatabaseUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          postgres://u:p@db/jessy                | jdbc:postgresql://db:5432/jessy            | u | p
          postgresql://u@db:6543/jessy?ssl=true  | jdbc:postgresql://db:6543/jessy?ssl=true   | u |
          postgres://db:5432/jessy               | jdbc:postgresql://db:5432/jessy            |   |
          jdbc:postgresql://db:5432/jessy        | jdbc:postgresql://db:5432/jessy            |   |
          jdbc:postgresql://db/j?user=u&password=p%26q&ssl=true | jdbc:postgresql://db/j?ssl=true | u | p&q
          """)
  void acceptsBothForms(String value, String jdbc, String user, String password) {
    DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", value);

    assertThat(url.jdbcUrl()).isEqualTo(jdbc);
    assertThat(url.user()).isEqualTo(Optional.ofNullable(user));
    assertThat(url.password()).isEqualTo(Optional.ofNullable(password));
    assertThat(url.location()).startsWith("postgresql://").doesNotContain("p@", "?");
    assertThat(url.toString()).isEqualTo(url.location());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://u:secret@db/jessy",
        "postgres://u:secret@/jessy",
        "postgres://u:secret@db",
        "postgres://u:secret@db/a/b",
        "postgres://u:secret@db:5432/jessy^",
        "secret"
      })
  void refusesOtherUrlsNamingTheVariableButNeverRepeatingTheValue(String value) {
    assertThatThrownBy(() -> DatabaseUrl.parse("RATE_LIMIT_DATABASE_URL", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RATE_LIMIT_DATABASE_URL must look like postgres://")
        .message()
        .doesNotContain("secret");
  }
}
