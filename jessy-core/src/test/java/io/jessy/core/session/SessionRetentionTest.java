package io.jessy.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SessionRetentionTest.TwoDays.class)
class SessionRetentionTest {

  public static class TwoDays implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("jessy.storage.retention-days", "2");
    }
  }

  @Inject SessionRetention retention;
  @Inject SessionStore sessions;

  @Test
  void deletesSessionsIdleLongerThanTheRetentionAndKeepsTheRest() {
    Instant now = Instant.now();
    String idle = SessionStoreContract.id();
    String recent = SessionStoreContract.id();
    sessions.start(
        "anonymous", idle, null, SessionStoreContract.turn("old", now.minus(Duration.ofDays(3))));
    sessions.start(
        "anonymous", recent, null, SessionStoreContract.turn("new", now.minus(Duration.ofDays(1))));

    retention.prune();

    assertThat(sessions.find("anonymous", idle, 10, null)).isEmpty();
    assertThat(sessions.find("anonymous", recent, 10, null)).isPresent();
  }

  @Test
  void reportsHowManySessionsItDeleted() {
    Instant old = Instant.now().minus(Duration.ofDays(30));
    sessions.start(
        "anonymous", SessionStoreContract.id(), null, SessionStoreContract.turn("a", old));
    sessions.start(
        "anonymous", SessionStoreContract.id(), null, SessionStoreContract.turn("b", old));

    assertThat(retention.pruneOlderThan(old.plusSeconds(1))).isGreaterThanOrEqualTo(2);
    assertThat(retention.pruneOlderThan(old.plusSeconds(1))).isZero();
  }
}
