package codestral.lsp.backend.codestral;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads successful answers of the FIM and chat endpoints. */
final class Responses {
  private Responses() {}

  static FimResult parseFim(ObjectMapper json, String body) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE, 200, "Codestral's answer was not JSON");
    }
    JsonNode choice = root.path("choices").path(0);
    if (choice.isMissingNode()) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE, 200, "Codestral's answer had no choices");
    }
    String text = content(choice.path("message").path("content"));
    String finish =
        choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
    return new FimResult(text, finish, usage(root.path("usage")), root.path("model").asText(""));
  }

  /** {@code content} is a string, or a list of {@code {type: "text", text}} chunks. */
  static String content(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode chunk : content) {
        if ("text".equals(chunk.path("type").asText()) || chunk.has("text")) {
          text.append(chunk.path("text").asText(""));
        }
      }
      return text.toString();
    }
    return "";
  }

  static Usage usage(JsonNode usage) {
    if (!usage.isObject()) {
      return Usage.UNKNOWN;
    }
    return new Usage(
        usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1));
  }
}
