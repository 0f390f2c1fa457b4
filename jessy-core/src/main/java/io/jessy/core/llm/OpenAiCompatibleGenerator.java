package io.jessy.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jessy.engine.ActivatedDimension;
import io.jessy.engine.Answer;
import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.Reflection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Answers through an OpenAI-compatible chat-completions API (OpenAI, Ollama, vLLM). The model gets
 * the pipeline's findings as context; on an error, a timeout or an empty reply the local generator
 * answers instead and the source is {@code fallback}.
 */
public final class OpenAiCompatibleGenerator implements AnswerGenerator {

  private static final Logger LOG = Logger.getLogger(OpenAiCompatibleGenerator.class);

  private static final String SYSTEM_PROMPT =
      "You are Jessy, a calm and thoughtful companion. Answer the user's question in at most"
          + " five sentences, guided by the dimensions of consciousness the analysis found.";

  private final HttpClient http;
  private final ObjectMapper json;
  private final URI endpoint;
  private final Optional<String> apiKey;
  private final String model;
  private final Duration timeout;
  private final AnswerGenerator fallback;

  public OpenAiCompatibleGenerator(
      ObjectMapper json,
      URI baseUrl,
      Optional<String> apiKey,
      String model,
      Duration timeout,
      AnswerGenerator fallback) {
    this.json = json;
    String base = baseUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    this.apiKey = apiKey;
    this.model = model;
    this.timeout = timeout;
    this.fallback = fallback;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public String model() {
    return model;
  }

  @Override
  public Answer generate(Reflection.Completed reflection) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(reflection))));
      apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
      // The request timeout only bounds the wait for headers; the future bounds the whole exchange.
      CompletableFuture<HttpResponse<byte[]>> exchange =
          http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> response;
      try {
        response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        exchange.cancel(true);
        return fallBack(reflection, "no reply within " + timeout);
      } catch (InterruptedException e) {
        // The caller went away (DisconnectWatch): drop the call; nobody reads this answer.
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        LOG.debugf("language model call to %s abandoned: the client went away", endpoint);
        return local(reflection);
      } catch (ExecutionException e) {
        return fallBack(
            reflection, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
      }
      if (response.statusCode() / 100 != 2) {
        return fallBack(reflection, "HTTP " + response.statusCode());
      }
      JsonNode content =
          json.readTree(response.body()).path("choices").path(0).path("message").path("content");
      if (!content.isTextual() || content.textValue().isBlank()) {
        return fallBack(reflection, "no message content in the reply");
      }
      return new Answer(content.textValue().strip(), Answer.Source.LLM);
    } catch (IOException e) {
      return fallBack(reflection, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ObjectNode body(Reflection.Completed reflection) {
    ObjectNode body = json.createObjectNode().put("model", model).put("temperature", 0);
    body.putArray("messages")
        .add(
            json.createObjectNode()
                .put("role", "system")
                .put("content", SYSTEM_PROMPT + " " + context(reflection)))
        .add(json.createObjectNode().put("role", "user").put("content", reflection.query()));
    return body;
  }

  private static String context(Reflection.Completed reflection) {
    String dimensions =
        reflection.navigation().dimensions().stream()
            .map(ActivatedDimension::dimension)
            .map(d -> d.name())
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "Dimensions: %s. Dominant frequency: %.2f Hz. Final reflection: %s",
        dimensions,
        reflection.interference().dominantFrequency(),
        reflection.iterations().last().thought());
  }

  private Answer fallBack(Reflection.Completed reflection, String reason) {
    LOG.warnf("language model at %s failed (%s); answering locally", endpoint, reason);
    return local(reflection);
  }

  private Answer local(Reflection.Completed reflection) {
    return new Answer(fallback.generate(reflection).text(), Answer.Source.FALLBACK);
  }
}
