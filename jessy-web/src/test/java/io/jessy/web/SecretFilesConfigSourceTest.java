package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SecretFilesConfigSource}: {@code NAME_FILE} gives NAME the file's content. */
class SecretFilesConfigSourceTest {

  @TempDir Path dir;

  @Test
  void readsASecretFromItsFile() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway-secret"), "s3cret-value\n");

    var source = new SecretFilesConfigSource(Map.of("GATEWAY_SECRET_FILE", file.toString()));

    assertThat(source.getValue("GATEWAY_SECRET")).isEqualTo("s3cret-value");
    assertThat(source.getOrdinal()).isLessThan(295); // the environment and .env values win
  }

  @Test
  void onlyTheSecretVariablesComeFromFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("dimensions.json"), "[]");

    var source = new SecretFilesConfigSource(Map.of("JESSY_DIMENSIONS_FILE", file.toString()));

    assertThat(source.getPropertyNames()).isEmpty();
  }

  @Test
  void aFileThatCannotBeReadStopsTheServiceNamingTheVariable() {
    Map<String, String> env = Map.of("DATABASE_URL_FILE", dir.resolve("missing").toString());

    assertThatThrownBy(() -> new SecretFilesConfigSource(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DATABASE_URL_FILE=")
        .hasMessageContaining("cannot be read");
  }
}
