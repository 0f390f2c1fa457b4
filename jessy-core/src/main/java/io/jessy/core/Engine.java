package io.jessy.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.core.config.JessyConfig;
import io.jessy.core.llm.OpenAiCompatibleGenerator;
import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.DimensionRegistry;
import io.jessy.engine.LocalAnswerGenerator;
import io.jessy.engine.Pipeline;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Adapts the plain-Java engine to CDI: one registry, one pipeline and one generator per process.
 */
@ApplicationScoped
public class Engine {

  private static final Logger LOG = Logger.getLogger(Engine.class);

  /** Loaded at start-up, so a bad dimension file stops the service with its message. */
  @Produces
  @Singleton
  @Startup
  DimensionRegistry registry(JessyConfig config) {
    JessyConfig.check(config);
    DimensionRegistry registry =
        config
            .dimensionsFile()
            .map(DimensionRegistry::load)
            .orElseGet(DimensionRegistry::loadDefault);
    LOG.infof(
        "loaded %d dimensions from %s",
        registry.size(), config.dimensionsFile().map(Object::toString).orElse("the shipped file"));
    return registry;
  }

  @Produces
  @Singleton
  Pipeline pipeline(DimensionRegistry registry, JessyConfig config) {
    return Pipeline.create(registry, config.navigation().threshold());
  }

  @Produces
  @Singleton
  AnswerGenerator generator(JessyConfig config, ObjectMapper json) {
    LocalAnswerGenerator local = new LocalAnswerGenerator();
    JessyConfig.Llm llm = config.llm();
    if (llm.baseUrl().isEmpty()) {
      return local;
    }
    LOG.infof(
        "answers come from model %s at %s, falling back to the local generator",
        llm.model(), llm.baseUrl().get());
    return new OpenAiCompatibleGenerator(
        json, llm.baseUrl().get(), llm.apiKey(), llm.model(), llm.timeout(), local);
  }
}
