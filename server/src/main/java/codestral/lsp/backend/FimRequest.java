package codestral.lsp.backend;

import java.util.List;
import java.util.Objects;

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
    String model, String prompt, String suffix, int maxTokens, double temperature, List<String> stop) {

  public FimRequest {
    stop = List.copyOf(stop);
  }

  // equals and hashCode are written out: a record's generated ones are bootstrapped through method
  // handles on first use, some 20 ms of class spinning that the first completion (this is the
  // cache key) would wait for. Every component takes part, as in the generated ones.
  @Override
  public boolean equals(Object other) {
    return other instanceof FimRequest that
        && maxTokens == that.maxTokens
        && Double.compare(temperature, that.temperature) == 0
        && Objects.equals(model, that.model)
        && Objects.equals(prompt, that.prompt)
        && Objects.equals(suffix, that.suffix)
        && Objects.equals(stop, that.stop);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, prompt, suffix, maxTokens, temperature, stop);
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
