package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void refusesAnInvalidDatabaseUrlNamingTheVariableButNeverRepeatingTheValue() {
    assertThatThrownBy(
            () -> new StorageConfigSource(Map.of("DATABASE_URL", "mysql://u:secret@db/j")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DATABASE_URL must look like postgres://")
        .message()
        .doesNotContain("secret");
  }
}
