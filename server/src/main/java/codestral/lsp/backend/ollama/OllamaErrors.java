package codestral.lsp.backend.ollama;

import codestral.lsp.backend.BackendException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;

/**
 * Ollama's failures as messages that say what to do. Its error bodies are {@code {"error": "…"}};
 * the two a local user meets first are a server that is not running and a model never pulled.
 */
final class OllamaErrors {
  private static final ObjectMapper LENIENT = new ObjectMapper();
  private static final int MAX_DETAIL = 300;

  private OllamaErrors() {}

  /** A transport failure: connection refused means nobody listens, so Ollama is not running. */
  static Exception transport(IOException e, String endpoint, String url) {
    if (e instanceof ConnectException) {
      return new BackendException(
          BackendException.Kind.OFFLINE,
          0,
          "Ollama is not running at "
              + endpoint
              + " (connection refused): start it with `ollama serve`, or point"
              + " codestral.ollama.endpoint at the one you run");
    }
    IOException safe =
        new IOException(e.getClass().getSimpleName() + " calling " + url + ": " + e.getMessage());
    safe.setStackTrace(e.getStackTrace());
    return safe;
  }

  /** An HTTP error status, with whatever the body says. */
  static BackendException status(int status, String body, String url, String model) {
    String detail = detail(body);
    if (status == 404 && detail.contains("not found") && detail.contains("model")) {
      // {"error":"model \"codestral:22b\" not found, try pulling it first"}
      return new BackendException(
          BackendException.Kind.NOT_FOUND,
          status,
          "Ollama has no model \""
              + model
              + "\": pull it with `ollama pull "
              + model
              + "`, or set codestral.ollama.model to one that `ollama list` shows");
    }
    if (status == 404) {
      return new BackendException(
          BackendException.Kind.NOT_FOUND,
          status,
          "Not found (404) at "
              + url
              + ": is codestral.ollama.endpoint an Ollama server?"
              + suffix(detail));
    }
    return new BackendException(
        BackendException.kindOf(status), status, "Ollama answered " + status + suffix(detail));
  }

  /** An {@code {"error": …}} line inside a 200 stream: the model failed mid-answer. */
  static BackendException inStream(String error) {
    return new BackendException(
        BackendException.Kind.SERVER_ERROR, 200, "Ollama failed while answering: " + clip(error));
  }

  private static String suffix(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode error = LENIENT.readTree(body).path("error");
      return clip(error.isTextual() ? error.asText() : body.strip());
    } catch (IOException notJson) {
      return clip(body.strip());
    }
  }

  private static String clip(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }
}
