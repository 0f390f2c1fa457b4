package io.jessy.core.session;

import io.jessy.core.config.JessyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes sessions idle for longer than {@code SESSION_RETENTION_DAYS} (0, the default, keeps them
 * forever): shortly after start-up, then every hour.
 */
@ApplicationScoped
public class SessionRetention {

  private static final Logger LOG = Logger.getLogger(SessionRetention.class);

  private final SessionStore sessions;
  private final JessyConfig config;

  public SessionRetention(SessionStore sessions, JessyConfig config) {
    this.sessions = sessions;
    this.config = config;
  }

  @Scheduled(
      identity = "session-retention",
      every = "${jessy.storage.prune-every}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void prune() {
    int days = config.storage().retentionDays();
    if (days > 0) {
      pruneOlderThan(Instant.now().minus(Duration.ofDays(days)));
    }
  }

  /** Returns how many sessions were deleted; a store outage is logged and retried next time. */
  int pruneOlderThan(Instant cutoff) {
    try {
      int deleted = sessions.deleteInactiveSince(cutoff);
      if (deleted > 0) {
        LOG.infof("deleted %d sessions inactive since %s", deleted, cutoff);
      }
      return deleted;
    } catch (StoreUnavailableException e) {
      LOG.warnf("session retention skipped: %s", e.getCause().getMessage());
      return 0;
    }
  }
}
