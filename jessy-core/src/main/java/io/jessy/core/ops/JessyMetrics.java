package io.jessy.core.ops;

import io.jessy.engine.ActivatedDimension;
import io.jessy.engine.Reflection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code jessy_*} metrics of SPEC §5, and the processed-query count /status reports. Created at
 * start-up with both outcome series at zero, so dashboards see them before the first query.
 */
@Startup
@ApplicationScoped
public class JessyMetrics {

  private final MeterRegistry registry;
  private final Timer duration;
  private final DistributionSummary iterations;
  private final Counter returnToSource;
  private final Counter answered;
  private final Counter redirected;
  private final AtomicLong processed = new AtomicLong();

  public JessyMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration =
        Timer.builder("jessy.query.duration")
            .description("Time to answer a query, end to end")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    this.iterations =
        DistributionSummary.builder("jessy.iterations")
            .description("Iterations a query took")
            .serviceLevelObjectives(1, 2, 3, 4, 5, 6, 7, 8, 9)
            .register(registry);
    this.returnToSource =
        Counter.builder("jessy.return.to.source")
            .description("Queries that activated too many dimensions and returned to source")
            .register(registry);
    this.answered = queries("answered");
    this.redirected = queries("redirected");
  }

  private Counter queries(String outcome) {
    return Counter.builder("jessy.queries")
        .description("Queries answered, by outcome: answered (the pipeline ran) or redirected")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void record(Reflection reflection, long nanos) {
    processed.incrementAndGet();
    duration.record(Duration.ofNanos(nanos));
    if (reflection instanceof Reflection.Completed done) {
      answered.increment();
      iterations.record(done.iterations().count());
      if (done.navigation().returnToSource()) {
        returnToSource.increment();
      }
      for (ActivatedDimension d : done.navigation().dimensions()) {
        Counter.builder("jessy.dimension.activations")
            .description("Dimensions activated by queries, by dimension")
            .tag("dimension", d.dimension().name())
            .register(registry)
            .increment();
      }
    } else {
      redirected.increment();
      Counter.builder("jessy.safety.redirects")
          .description("Queries the safety gate redirected, by category")
          .tag("category", ((Reflection.Redirected) reflection).category().label())
          .register(registry)
          .increment();
    }
  }

  public long processed() {
    return processed.get();
  }
}
