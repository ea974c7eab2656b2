package codestral.lsp.lsp;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.ChatDeltas;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.chat.ChatQuery;
import codestral.lsp.chat.ChatService;
import codestral.lsp.chat.InvalidChatQueryException;
import com.google.gson.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * {@code codestral/chat} on the wire: params to a {@link ChatQuery}, deltas to {@code $/progress},
 * the answer or the failure back as the response.
 *
 * <p>Deltas are sent from the thread that reads the upstream stream, one after another, so they
 * reach the editor in order and before the response, which is sent when that same stream ends.
 */
public final class CodestralChatProtocol implements ChatProtocol {
  private static final Logger LOG = System.getLogger(CodestralChatProtocol.class.getName());

  /** A work-done report every this many deltas: enough to show life, not a second stream. */
  private static final int REPORT_EVERY = 16;

  private final ChatService chats;

  /** Running chats by work-done token, for {@code window/workDoneProgress/cancel}. */
  private final Map<Either<String, Integer>, CompletableFuture<?>> byWorkDoneToken =
      new ConcurrentHashMap<>();

  private volatile LanguageClient client;

  public CodestralChatProtocol(ChatService chats) {
    this.chats = chats;
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<ChatAnswer> chat(ChatParams params) {
    ChatQuery query;
    try {
      query = toQuery(params);
    } catch (InvalidChatQueryException e) {
      return invalidParams(e.getMessage());
    }
    Either<String, Integer> workDone = params.getWorkDoneToken();
    Progress progress = new Progress(client, params.getPartialResultToken(), workDone);
    // Begin before the call starts: its first delta may arrive on another thread at once.
    progress.begin();
    CompletableFuture<ChatResult> work;
    try {
      work = chats.chat(query, progress);
    } catch (InvalidChatQueryException e) {
      progress.end("failed");
      return invalidParams(e.getMessage());
    }
    CompletableFuture<ChatAnswer> answer =
        work.handle(
            (result, error) -> {
              if (error == null) {
                progress.end("done");
                return toAnswer(result);
              }
              Throwable cause = BackendException.unwrap(error);
              if (cause instanceof CancellationException cancelled) {
                progress.end("cancelled");
                throw cancelled;
              }
              progress.end("failed");
              throw toResponseError(cause);
            });
    if (workDone != null) {
      byWorkDoneToken.put(workDone, answer);
    }
    // LSP4J cancels this future on $/cancelRequest; the cancel button cancels it too. Either way
    // the upstream call must stop, and the token is free again once the chat is over.
    answer.whenComplete(
        (value, error) -> {
          if (workDone != null) {
            byWorkDoneToken.remove(workDone, answer);
          }
          if (answer.isCancelled()) {
            work.cancel(true);
            progress.end("cancelled");
          }
        });
    return answer;
  }

  /** {@code window/workDoneProgress/cancel}: the user pressed the cancel button of a chat. */
  void cancelProgress(Either<String, Integer> token) {
    CompletableFuture<?> running = token == null ? null : byWorkDoneToken.get(token);
    if (running != null) {
      running.cancel(true);
    }
  }

  private static ChatQuery toQuery(ChatParams params) {
    if (params == null || params.getMessages() == null) {
      throw new InvalidChatQueryException("codestral/chat needs a messages list");
    }
    List<ChatMessage> messages;
    try {
      messages =
          params.getMessages().stream()
              .map(message -> new ChatMessage(message.getRole(), message.getContent()))
              .collect(Collectors.toList());
    } catch (NullPointerException e) {
      throw new InvalidChatQueryException("every message needs a role and a content");
    }
    String uri = params.getTextDocument() == null ? null : params.getTextDocument().getUri();
    return new ChatQuery(
        messages,
        uri,
        params.getRange() == null ? null : Conversions.toPlain(params.getRange()),
        params.getModel(),
        params.getTemperature(),
        params.getMaxTokens());
  }

  private static ChatAnswer toAnswer(ChatResult result) {
    return new ChatAnswer(
        result.content(),
        result.model(),
        result.finishReason(),
        new ChatAnswer.TokenUsage(
            result.usage().promptTokens(), result.usage().completionTokens()));
  }

  /** A failure as the JSON-RPC error the editor shows; {@code data.kind} lets plugins branch. */
  private static ResponseErrorException toResponseError(Throwable cause) {
    if (cause instanceof ResponseErrorException answered) {
      return answered;
    }
    if (cause instanceof BackendException backend) {
      LOG.log(Level.WARNING, "Chat failed: {0}", backend.getMessage());
      JsonObject data = new JsonObject();
      data.addProperty("kind", backend.kind().name().toLowerCase(Locale.ROOT));
      if (backend.status() != 0) {
        data.addProperty("status", backend.status());
      }
      return new ResponseErrorException(
          new ResponseError(
              ResponseErrorCode.RequestFailed,
              "Codestral chat failed: " + backend.getMessage(),
              data));
    }
    // Transport failures arrive already scrubbed of the key by the backend.
    LOG.log(Level.WARNING, "Chat failed: {0}", String.valueOf(cause));
    return new ResponseErrorException(
        new ResponseError(
            ResponseErrorCode.RequestFailed, "Codestral chat failed: " + cause.getMessage(), null));
  }

  private static <T> CompletableFuture<T> invalidParams(String message) {
    return CompletableFuture.failedFuture(
        new ResponseErrorException(
            new ResponseError(ResponseErrorCode.InvalidParams, message, null)));
  }

  /**
   * The {@code $/progress} side of one chat: deltas under the partial-result token, begin, reports
   * and end under the work-done token. Either token may be absent, and then nothing goes under it.
   */
  private static final class Progress implements ChatDeltas {
    private final LanguageClient client;
    private final Either<String, Integer> partialResultToken;
    private final Either<String, Integer> workDoneToken;
    private int deltas;
    private int characters;
    private boolean ended;

    Progress(
        LanguageClient client,
        Either<String, Integer> partialResultToken,
        Either<String, Integer> workDoneToken) {
      this.client = client;
      this.partialResultToken = client == null ? null : partialResultToken;
      this.workDoneToken = client == null ? null : workDoneToken;
    }

    void begin() {
      if (workDoneToken != null) {
        WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
        begin.setTitle("Codestral chat");
        begin.setCancellable(true);
        begin.setMessage("asking the model");
        client.notifyProgress(new ProgressParams(workDoneToken, Either.forLeft(begin)));
      }
    }

    /**
     * Called on the stream's reading thread only, in order. Synchronized with {@link #end} so that
     * nothing is sent under either token once the chat is over (a delta can still be in flight when
     * a cancel lands).
     */
    @Override
    public synchronized void onDelta(String delta) {
      if (ended) {
        return;
      }
      if (partialResultToken != null) {
        JsonObject value = new JsonObject();
        value.addProperty("delta", delta);
        client.notifyProgress(new ProgressParams(partialResultToken, Either.forRight(value)));
      }
      deltas++;
      characters += delta.length();
      if (workDoneToken != null && (deltas == 1 || deltas % REPORT_EVERY == 0)) {
        WorkDoneProgressReport report = new WorkDoneProgressReport();
        report.setCancellable(true);
        report.setMessage("received " + characters + " characters");
        client.notifyProgress(new ProgressParams(workDoneToken, Either.forLeft(report)));
      }
    }

    /**
     * Ends the work-done progress once, however the chat ended (it can be told twice on cancel).
     */
    synchronized void end(String message) {
      if (ended) {
        return;
      }
      ended = true;
      if (workDoneToken == null) {
        return;
      }
      WorkDoneProgressEnd end = new WorkDoneProgressEnd();
      end.setMessage(message);
      client.notifyProgress(new ProgressParams(workDoneToken, Either.forLeft(end)));
    }
  }
}
