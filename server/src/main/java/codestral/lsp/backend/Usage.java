package codestral.lsp.backend;

/** Token counts as the provider reported them; -1 where it did not. */
public record Usage(int promptTokens, int completionTokens) {
  public static final Usage UNKNOWN = new Usage(-1, -1);
}
