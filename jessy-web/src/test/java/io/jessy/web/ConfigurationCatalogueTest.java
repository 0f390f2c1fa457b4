package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the services, compose files and images read is in the catalogue
 * ({@code .env.example}), and the README's configuration table lists exactly the catalogue.
 */
class ConfigurationCatalogueTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code ${NAME}} or {@code ${NAME:default}} in properties and compose files. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}\\-]");

  /** {@code getenv("NAME")} and {@code env.getOrDefault("NAME", …)} in Java sources. */
  private static final Pattern JAVA_READ =
      Pattern.compile("(?:getenv|getOrDefault|env\\.get)\\(\"([A-Z][A-Z0-9_]*)\"");

  /** A pass-through entry of a compose {@code environment:} list: {@code - NAME}. */
  private static final Pattern PASS_THROUGH = Pattern.compile("(?m)^\\s+- ([A-Z][A-Z0-9_]*)$");

  private static final Pattern CATALOGUE_ENTRY = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");

  @Test
  void everyVariableTheSystemReadsIsInTheCatalogue() throws IOException {
    Set<String> used = new TreeSet<>();
    for (String service : new String[] {"jessy-core", "jessy-api"}) {
      used.addAll(
          find(
              REFERENCE,
              read(ROOT.resolve(service + "/src/main/resources/application.properties"))));
    }
    for (String compose : new String[] {"docker-compose.yml", "docker-compose.prod.yml"}) {
      String text = read(ROOT.resolve(compose));
      used.addAll(find(REFERENCE, text));
      used.addAll(find(PASS_THROUGH, text));
    }
    try (Stream<Path> sources = Files.walk(ROOT)) {
      for (Path source :
          sources
              .filter(
                  p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java"))
              .toList()) {
        used.addAll(find(JAVA_READ, read(source)));
      }
    }

    assertThat(used)
        .as("variables read somewhere")
        .contains("JESSY_PORT", "DATABASE_URL", "LOG_FORMAT", "API_KEYS", "BUILDER_IMAGE");
    assertThat(catalogue()).as(".env.example").containsAll(used);
  }

  /**
   * A variable compose hands to a service is one that service reads: nothing is passed that the
   * service would silently ignore.
   */
  @Test
  void composePassesEachServiceOnlyVariablesItReads() throws IOException {
    String compose = read(ROOT.resolve("docker-compose.yml"));
    for (String service : new String[] {"jessy-core", "jessy-api"}) {
      Matcher section =
          Pattern.compile("(?ms)^  " + service + ":$(.*?)(?=^  [a-z][a-z0-9-]*:$|\\z)")
              .matcher(compose);
      assertThat(section.find()).as(service + " in docker-compose.yml").isTrue();
      Set<String> passed = find(PASS_THROUGH, section.group(1));
      passed.addAll(find(Pattern.compile("(?m)^\\s+- ([A-Z][A-Z0-9_]*)="), section.group(1)));

      Set<String> reads =
          find(
              REFERENCE,
              read(ROOT.resolve(service + "/src/main/resources/application.properties")));
      for (String module : new String[] {service, "jessy-web"}) {
        try (Stream<Path> sources = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
          for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
            reads.addAll(find(JAVA_READ, read(source)));
          }
        }
      }

      assertThat(passed).as(service + "'s environment in docker-compose.yml").isNotEmpty();
      assertThat(reads).as("what " + service + " reads").containsAll(passed);
    }
  }

  @Test
  void theReadmeTableListsExactlyTheCatalogue() throws IOException {
    Set<String> table = find(TABLE_ROW, read(ROOT.resolve("README.md")));

    assertThat(table).as("README configuration table").isEqualTo(catalogue());
  }

  private static Set<String> catalogue() throws IOException {
    return find(CATALOGUE_ENTRY, read(ROOT.resolve(".env.example")));
  }

  private static Set<String> find(Pattern pattern, String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
