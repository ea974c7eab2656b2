package codestral.lsp.backend;

/**
 * What the model answered.
 *
 * @param text the generated middle, raw, before any post-processing
 * @param finishReason why generation stopped ({@code stop}, {@code length}, …), or null
 * @param usage the token counts the provider reported, or {@link Usage#UNKNOWN}
 * @param model the model that answered
 */
public record FimResult(String text, String finishReason, Usage usage, String model) {}
