package io.jessy.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gives {@code http_server_requests_seconds} a dozen latency buckets, from 1 ms to 10 s, so
 * dashboards can show per-route percentiles (histogram_quantile) and carry exemplars. A few fixed
 * buckets, not Micrometer's ~70 percentile buckets, keep the series count small.
 */
public class HttpServerHistogram {

  private static final double[] BUCKETS_SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  @Produces
  @Singleton
  MeterFilter httpServerBuckets() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("http.server.requests")) {
          return config;
        }
        // Timers are configured in nanoseconds.
        double[] nanos = new double[BUCKETS_SECONDS.length];
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = BUCKETS_SECONDS[i] * 1e9;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(nanos)
            .build()
            .merge(config);
      }
    };
  }
}
