package codestral.lsp.lsp;

/**
 * Result of {@code codestral/chat}: {@code {content, model, finishReason, usage: {promptTokens,
 * completionTokens}}}. Token counts are -1 when the provider did not report them.
 */
public final class ChatAnswer {
  private final String content;
  private final String model;
  private final String finishReason;
  private final TokenUsage usage;

  /** {@code {promptTokens, completionTokens}}. */
  public static final class TokenUsage {
    private final int promptTokens;
    private final int completionTokens;

    public TokenUsage(int promptTokens, int completionTokens) {
      this.promptTokens = promptTokens;
      this.completionTokens = completionTokens;
    }

    public int getPromptTokens() {
      return promptTokens;
    }

    public int getCompletionTokens() {
      return completionTokens;
    }
  }

  public ChatAnswer(String content, String model, String finishReason, TokenUsage usage) {
    this.content = content;
    this.model = model;
    this.finishReason = finishReason;
    this.usage = usage;
  }

  public String getContent() {
    return content;
  }

  public String getModel() {
    return model;
  }

  public String getFinishReason() {
    return finishReason;
  }

  public TokenUsage getUsage() {
    return usage;
  }
}
