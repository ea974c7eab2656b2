package codestral.lsp.backend;

import java.util.List;

/**
 * One chat request, provider-neutral: the whole conversation, system prompt and code context
 * already in it.
 *
 * @param model the model name, e.g. {@code codestral-latest} or {@code codestral:22b}
 * @param messages the conversation, oldest first; never empty
 * @param maxTokens the most tokens to generate
 * @param temperature sampling temperature
 */
public record ChatRequest(
    String model, List<ChatMessage> messages, int maxTokens, double temperature) {

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat needs at least one message");
    }
  }

  @Override
  public String toString() {
    return "ChatRequest[model="
        + model
        + ", "
        + messages.size()
        + " messages, maxTokens="
        + maxTokens
        + "]";
  }
}
