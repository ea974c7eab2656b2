package codestral.lsp.chat;

import codestral.lsp.backend.ChatBackend;
import codestral.lsp.backend.ChatDeltas;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers {@code codestral/chat}: puts the system prompt and the user's code in front of the
 * conversation and streams the model's answer.
 *
 * <p>The document is read from its snapshot on the caller's thread, when the request arrives, so
 * the model sees the code the user was looking at when they asked, whatever they type afterwards.
 */
public final class ChatService {
  /** The most characters of code sent as context: about 8k tokens, well inside the window. */
  static final int MAX_CONTEXT_CHARS = 32_000;

  private static final Set<String> ROLES =
      Set.of(ChatMessage.SYSTEM, ChatMessage.USER, ChatMessage.ASSISTANT);

  private final DocumentStore documents;
  private final Supplier<Settings> settings;
  private final ChatBackend backend;

  public ChatService(DocumentStore documents, Supplier<Settings> settings, ChatBackend backend) {
    this.documents = documents;
    this.settings = settings;
    this.backend = backend;
  }

  /**
   * Starts a chat. Each piece of the answer goes to {@code deltas} as it arrives; cancelling the
   * returned future stops the upstream call.
   *
   * @throws InvalidChatQueryException at once, when the query is malformed or names a document that
   *     is not open
   */
  public CompletableFuture<ChatResult> chat(ChatQuery query, ChatDeltas deltas) {
    validate(query);
    Settings current = settings.get();
    Settings.Chat chat = current.chat();
    List<ChatMessage> messages = new ArrayList<>();
    String system = systemMessage(chat.systemPrompt(), context(query));
    if (!system.isEmpty()) {
      messages.add(new ChatMessage(ChatMessage.SYSTEM, system));
    }
    messages.addAll(query.messages());
    ChatRequest request =
        new ChatRequest(
            query.model() != null && !query.model().isBlank() ? query.model() : current.chatModel(),
            messages,
            query.maxTokens() != null ? query.maxTokens() : chat.maxTokens(),
            query.temperature() != null ? query.temperature() : chat.temperature());
    return backend.chat(request, deltas);
  }

  private static void validate(ChatQuery query) {
    if (query.messages().isEmpty()) {
      throw new InvalidChatQueryException("codestral/chat needs at least one message");
    }
    for (int i = 0; i < query.messages().size(); i++) {
      String role = query.messages().get(i).role();
      if (!ROLES.contains(role)) {
        throw new InvalidChatQueryException(
            "messages[" + i + "].role must be system, user or assistant, got: " + role);
      }
    }
    if (query.maxTokens() != null && query.maxTokens() < 1) {
      throw new InvalidChatQueryException(
          "maxTokens must be at least 1, got: " + query.maxTokens());
    }
    if (query.temperature() != null && (query.temperature() < 0 || query.temperature() > 1.5)) {
      throw new InvalidChatQueryException(
          "temperature must be from 0 to 1.5, got: " + query.temperature());
    }
    if (query.selection() != null && query.uri() == null) {
      throw new InvalidChatQueryException("a range needs the textDocument it belongs to");
    }
  }

  /** The code the question is about, as a paragraph for the system message, or "". */
  private String context(ChatQuery query) {
    if (query.uri() == null) {
      return "";
    }
    Optional<DocumentSnapshot> open = documents.get(query.uri());
    if (open.isEmpty()) {
      throw new InvalidChatQueryException("the document is not open: " + query.uri());
    }
    DocumentSnapshot snapshot = open.get();
    PositionEncoding encoding = documents.encoding();
    int start = 0;
    int end = snapshot.length();
    String what = "the whole file";
    if (query.selection() != null) {
      start = snapshot.offsetAt(query.selection().start(), encoding);
      end = snapshot.offsetAt(query.selection().end(), encoding);
      if (end < start) {
        int swap = start;
        start = end;
        end = swap;
      }
      int firstLine = snapshot.lineOf(start) + 1;
      int lastLine = snapshot.lineOf(end) + 1;
      what = firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + "-" + lastLine;
    }
    boolean clipped = end - start > MAX_CONTEXT_CHARS;
    if (clipped) {
      end = start + MAX_CONTEXT_CHARS;
      if (Character.isHighSurrogate(snapshot.text(end - 1, end).charAt(0))) {
        end--; // Never split a surrogate pair.
      }
    }
    String code = snapshot.text(start, end);
    String language = snapshot.languageId() == null ? "" : snapshot.languageId();
    return "The user's question is about this code, "
        + what
        + " of `"
        + displayPath(query.uri())
        + "`"
        + (language.isEmpty() ? "" : " (" + language + ")")
        + (clipped ? ", cut to its first " + MAX_CONTEXT_CHARS + " characters" : "")
        + ":\n```"
        + language
        + "\n"
        + code
        + (code.endsWith("\n") ? "" : "\n")
        + "```";
  }

  private static String systemMessage(String prompt, String context) {
    String base = prompt == null ? "" : prompt.strip();
    if (context.isEmpty()) {
      return base;
    }
    return base.isEmpty() ? context : base + "\n\n" + context;
  }

  /** A file URI as a path the model (and the user reading its answer) recognises. */
  static String displayPath(String uri) {
    try {
      URI parsed = URI.create(uri);
      if ("file".equalsIgnoreCase(parsed.getScheme())) {
        return Path.of(parsed).toString();
      }
    } catch (RuntimeException notAFileUri) {
      // Fall through: an editor's own scheme (untitled:, jdt:) is shown as it is.
    }
    return uri;
  }
}
