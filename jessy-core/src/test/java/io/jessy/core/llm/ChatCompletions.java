package io.jessy.core.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Stubs of the chat-completions endpoint, the way OpenAI, Ollama and vLLM answer. */
final class ChatCompletions {

  static final String PATH = "/v1/chat/completions";

  private ChatCompletions() {}

  static String reply(String content) {
    return """
        {"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
         "choices": [{"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": %s}}]}
        """
        .formatted(quote(content));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static MappingBuilder answering(String content) {
    return respondingWith(okJson(reply(content)));
  }

  static MappingBuilder respondingWith(ResponseDefinitionBuilder response) {
    return post(urlEqualTo(PATH)).willReturn(response);
  }

  static MappingBuilder failingWith(int status) {
    return respondingWith(aResponse().withStatus(status).withBody("{\"error\": \"boom\"}"));
  }

  static MappingBuilder answeringAfter(int millis, String content) {
    return respondingWith(okJson(reply(content)).withFixedDelay(millis));
  }
}
