package codestral.lsp.backend;

/**
 * A whole chat answer, after its stream ended.
 *
 * @param content the assistant's text: every delta, in order
 * @param finishReason why generation stopped ({@code stop}, {@code length}, …), or null
 * @param usage the token counts the provider reported, or {@link Usage#UNKNOWN}
 * @param model the model that answered
 */
public record ChatResult(String content, String finishReason, Usage usage, String model) {}
