package codestral.lsp.backend.codestral;

import java.util.Set;

/**
 * The request fields Mistral documents for FIM and chat (WIRE.md): the API answers 422 to any
 * other, so the fakes refuse them and the client tests check the bodies against these.
 */
public final class DocumentedFields {
  public static final Set<String> FIM =
      Set.of(
          "model",
          "prompt",
          "suffix",
          "max_tokens",
          "min_tokens",
          "temperature",
          "top_p",
          "stop",
          "random_seed",
          "stream");

  public static final Set<String> CHAT =
      Set.of(
          "model",
          "messages",
          "max_tokens",
          "min_tokens",
          "temperature",
          "top_p",
          "stop",
          "random_seed",
          "stream",
          "response_format",
          "tools",
          "tool_choice",
          "presence_penalty",
          "frequency_penalty",
          "n",
          "prediction",
          "parallel_tool_calls",
          "safe_prompt");

  private DocumentedFields() {}
}
