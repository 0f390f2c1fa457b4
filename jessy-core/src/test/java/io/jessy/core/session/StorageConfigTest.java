package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageConfigTest {

  @Test
  void defaultsToTheEmbeddedLogUnderTheDataDirectoryWithNoDatasource() {
    StorageConfigSource source = new StorageConfigSource(Map.of());
    Path directory = Path.of("data").toAbsolutePath();

    assertThat(source.getValue("quarkus.datasource.postgresql.active")).isEqualTo("false");
    assertThat(source.getValue("jessy.storage.data-dir")).isEqualTo(directory.toString());
    assertThat(source.getValue("jessy.storage.location"))
        .isEqualTo("log:" + directory.resolve("sessions.log"));
    assertThat(source.getPropertyNames()).doesNotContain("quarkus.datasource.postgresql.jdbc.url");
    assertThat(source.getName()).isEqualTo("jessy-storage");
    assertThat(source.getOrdinal()).isBetween(251, 299);
  }

  @Test
  void resolvesARelativeDataDirectory() {
    StorageConfigSource source = new StorageConfigSource(Map.of("JESSY_DATA_DIR", "var/../state"));

    assertThat(source.getValue("jessy.storage.data-dir"))
        .isEqualTo(Path.of("state").toAbsolutePath().toString());
  }

  @Test
  void switchesToPostgresqlWhenDatabaseUrlIsSetAndKeepsTheSecretOutOfTheLocation() {
    StorageConfigSource source =
        new StorageConfigSource(
            Map.of(
                "DATABASE_URL", "postgres://jessy:s3cr%40t@db:5432/jessy", "JESSY_DATA_DIR", "x"));

    assertThat(source.getValue("quarkus.datasource.postgresql.active")).isEqualTo("true");
    assertThat(source.getPropertyNames()).doesNotContain("jessy.storage.data-dir");
    assertThat(source.getValue("quarkus.datasource.postgresql.jdbc.url"))
        .isEqualTo("jdbc:postgresql://db:5432/jessy");
    assertThat(source.getValue("quarkus.datasource.postgresql.username")).isEqualTo("jessy");
    assertThat(source.getValue("quarkus.datasource.postgresql.password")).isEqualTo("s3cr@t");
    assertThat(source.getValue("jessy.storage.location")).isEqualTo("postgresql://db:5432/jessy");
  }

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
    DatabaseUrl url = DatabaseUrl.parse(value);

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
    assertThatThrownBy(() -> DatabaseUrl.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DATABASE_URL must look like postgres://")
        .message()
        .doesNotContain("secret");
  }
}
