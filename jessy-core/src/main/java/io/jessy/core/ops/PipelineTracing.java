package io.jessy.core.ops;

import io.jessy.core.config.JessyConfig;
import io.jessy.engine.StepObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * One span per pipeline step ({@code jessy.safety}, {@code jessy.navigation}, ..., {@code
 * jessy.answer}, {@code jessy.store}), children of the request's span, when tracing is on
 * (JAEGER_ENABLED). Off, the steps run as they are: tracing off costs nothing.
 */
@ApplicationScoped
public class PipelineTracing {

  @Produces
  @Singleton
  StepObserver steps(JessyConfig config, Instance<Tracer> tracer) {
    return config.tracing() ? new Traced(tracer.get()) : StepObserver.NONE;
  }

  private record Traced(Tracer tracer) implements StepObserver {
    @Override
    public <T> T step(String name, Supplier<T> work) {
      Span span = tracer.spanBuilder("jessy." + name).startSpan();
      try (Scope scope = span.makeCurrent()) {
        return work.get();
      } catch (RuntimeException e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR);
        throw e;
      } finally {
        span.end();
      }
    }
  }
}
