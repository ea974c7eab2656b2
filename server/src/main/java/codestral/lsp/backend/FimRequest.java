package codestral.lsp.backend;

import java.util.List;

/**
 * One fill-in-the-middle request, provider-neutral. A record so identical requests are equal and
 * can share one call in the cache.
 *
 * @param model the model name, e.g. {@code codestral-latest}
 * @param prompt the text before the cursor
 * @param suffix the text after the cursor
 * @param maxTokens the most tokens to generate
 * @param temperature sampling temperature
 * @param stop stop sequences, possibly empty
 */
public record FimRequest(
    String model,
    String prompt,
    String suffix,
    int maxTokens,
    double temperature,
    List<String> stop) {

  public FimRequest {
    stop = List.copyOf(stop);
  }

  @Override
  public String toString() {
    // Prompts can be large and are the user's code: never print them whole by accident.
    return "FimRequest[model="
        + model
        + ", prompt="
        + prompt.length()
        + " chars, suffix="
        + suffix.length()
        + " chars, maxTokens="
        + maxTokens
        + "]";
  }
}
