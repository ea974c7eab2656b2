package codestral.lsp.chat;

import codestral.lsp.backend.ChatMessage;
import codestral.lsp.document.TextRange;
import java.util.List;

/**
 * One {@code codestral/chat} request in plain values.
 *
 * @param messages the conversation so far, oldest first
 * @param uri the document the question is about, or null
 * @param selection the selected range of that document, or null for the whole document
 * @param model the model asked for, or null for the setting
 * @param temperature the temperature asked for, or null for the setting
 * @param maxTokens the answer length asked for, or null for the setting
 */
public record ChatQuery(
    List<ChatMessage> messages,
    String uri,
    TextRange selection,
    String model,
    Double temperature,
    Integer maxTokens) {

  public ChatQuery {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
