package io.jessy.core.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.web.Environment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JessyConfigCheckTest {

  @ParameterizedTest(name = "threshold {0}, model \"{1}\", timeout {2}, retention {3} → {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0.1  | llama3.2 | PT10S  | 0  |
          1.0  | llama3.2 | PT0.5S | 30 |
          0.1  | llama3.2 | PT10S  | -1 | SESSION_RETENTION_DAYS must be 0 (keep forever) or a number of days, got -1
          0.0  | llama3.2 | PT10S  | 0  | NAV_CONFIDENCE_THRESHOLD must be a number in (0, 1], got 0.0
          -0.5 | llama3.2 | PT10S  | 0  | NAV_CONFIDENCE_THRESHOLD must be a number in (0, 1], got -0.5
          1.01 | llama3.2 | PT10S  | 0  | NAV_CONFIDENCE_THRESHOLD must be a number in (0, 1], got 1.01
          NaN  | llama3.2 | PT10S  | 0  | NAV_CONFIDENCE_THRESHOLD must be a number in (0, 1], got NaN
          0.1  | '  '     | PT10S  | 0  | LLM_MODEL must not be blank
          0.1  | llama3.2 | PT0S   | 0  | LLM_TIMEOUT must be positive, got PT0S
          0.1  | llama3.2 | PT-1S  | 0  | LLM_TIMEOUT must be positive, got PT-1S
          """)
  void namesTheVariableAtFault(
      double threshold, String model, Duration timeout, int retentionDays, String error) {
    JessyConfig config = config(threshold, model, timeout, retentionDays);
    if (error == null) {
      assertThatCode(() -> JessyConfig.check(config)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> JessyConfig.check(config))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(error);
    }
  }

  private static JessyConfig config(
      double threshold, String model, Duration timeout, int retentionDays) {
    JessyConfig.Storage storage =
        new JessyConfig.Storage() {
          @Override
          public String location() {
            return "log:test";
          }

          @Override
          public Optional<Path> dataDir() {
            return Optional.of(Path.of("test"));
          }

          @Override
          public int retentionDays() {
            return retentionDays;
          }

          @Override
          public String pruneEvery() {
            return "1h";
          }
        };
    JessyConfig.Llm llm =
        new JessyConfig.Llm() {
          @Override
          public Optional<URI> baseUrl() {
            return Optional.empty();
          }

          @Override
          public Optional<String> apiKey() {
            return Optional.empty();
          }

          @Override
          public String model() {
            return model;
          }

          @Override
          public Duration timeout() {
            return timeout;
          }
        };
    return new JessyConfig() {
      @Override
      public Environment env() {
        return Environment.DEVELOPMENT;
      }

      @Override
      public Optional<String> gatewaySecret() {
        return Optional.empty();
      }

      @Override
      public LogFormat logFormat() {
        return LogFormat.TEXT;
      }

      @Override
      public boolean tracing() {
        return false;
      }

      @Override
      public boolean metrics() {
        return true;
      }

      @Override
      public Navigation navigation() {
        return () -> threshold;
      }

      @Override
      public Optional<Path> dimensionsFile() {
        return Optional.empty();
      }

      @Override
      public Llm llm() {
        return llm;
      }

      @Override
      public Storage storage() {
        return storage;
      }
    };
  }
}
