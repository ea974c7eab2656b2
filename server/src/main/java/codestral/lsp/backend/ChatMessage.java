package codestral.lsp.backend;

import java.util.Objects;

/**
 * One message of a chat: who said it and what.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String toString() {
    // Messages carry the user's code: never print them whole by accident.
    return "ChatMessage[role=" + role + ", " + content.length() + " chars]";
  }
}
