package codestral.lsp.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.backend.ChatBackend;
import codestral.lsp.backend.ChatDeltas;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.backend.Usage;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
  private final DocumentStore documents = new DocumentStore();
  private final AtomicReference<ChatRequest> sent = new AtomicReference<>();
  private final ChatBackend recording =
      (ChatRequest request, ChatDeltas deltas) -> {
        sent.set(request);
        return CompletableFuture.completedFuture(
            new ChatResult("ok", "stop", Usage.UNKNOWN, request.model()));
      };
  private Settings settings = Settings.fromEnvironment(Map.of());
  private final ChatService service = new ChatService(documents, () -> settings, recording);

  private static List<ChatMessage> ask(String question) {
    return List.of(new ChatMessage(ChatMessage.USER, question));
  }

  @Test
  void theSystemPromptComesFirstAndTheConversationFollowsUnchanged() {
    List<ChatMessage> conversation =
        List.of(
            new ChatMessage("user", "Hi"),
            new ChatMessage("assistant", "Hello"),
            new ChatMessage("user", "Why?"));
    service.chat(new ChatQuery(conversation, null, null, null, null, null), ChatDeltas.IGNORE);
    List<ChatMessage> messages = sent.get().messages();
    assertThat(messages.get(0))
        .isEqualTo(new ChatMessage("system", Settings.Chat.DEFAULT_SYSTEM_PROMPT));
    assertThat(messages.subList(1, messages.size())).isEqualTo(conversation);
    assertThat(sent.get().model()).isEqualTo("codestral-latest");
  }

  @Test
  void anEmptySystemPromptWithoutContextSendsNoSystemMessage() {
    settings = settings.with(b -> b.chat(new Settings.Chat("m", "", 10, 0.0)));
    service.chat(new ChatQuery(ask("Hi"), null, null, null, null, null), ChatDeltas.IGNORE);
    assertThat(sent.get().messages()).containsExactly(new ChatMessage("user", "Hi"));
  }

  @Test
  void aHugeDocumentIsCutAndTheCutIsSaid() {
    documents.open("untitled:big", "text", 1, "~".repeat(ChatService.MAX_CONTEXT_CHARS + 500));
    service.chat(
        new ChatQuery(ask("Summarise"), "untitled:big", null, null, null, null), ChatDeltas.IGNORE);
    String system = sent.get().messages().get(0).content();
    assertThat(system).contains("cut to its first").contains("`untitled:big`");
    assertThat(system.chars().filter(c -> c == '~').count())
        .isEqualTo(ChatService.MAX_CONTEXT_CHARS);
  }

  @Test
  void aSelectionOnOneLineIsNamedByThatLine() {
    documents.open("file:///p/a.py", "python", 1, "a = 1\nb = 2\n");
    TextRange range = new TextRange(new TextPosition(1, 0), new TextPosition(1, 5));
    service.chat(
        new ChatQuery(ask("?"), "file:///p/a.py", range, null, null, null), ChatDeltas.IGNORE);
    assertThat(sent.get().messages().get(0).content())
        .contains("line 2 of `/p/a.py` (python)")
        .contains("```python\nb = 2\n```")
        .doesNotContain("a = 1");
  }

  @Test
  void malformedQueriesAreRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(
            () ->
                service.chat(
                    new ChatQuery(List.of(), null, null, null, null, null), ChatDeltas.IGNORE))
        .isInstanceOf(InvalidChatQueryException.class);
    assertThatThrownBy(
            () ->
                service.chat(
                    new ChatQuery(
                        List.of(new ChatMessage("tool", "x")), null, null, null, null, null),
                    ChatDeltas.IGNORE))
        .hasMessageContaining("messages[0].role");
    assertThatThrownBy(
            () ->
                service.chat(
                    new ChatQuery(ask("?"), "file:///gone.py", null, null, null, null),
                    ChatDeltas.IGNORE))
        .hasMessageContaining("not open");
    assertThat(sent.get()).isNull();
  }
}
