package codestral.lsp.lsp;

import codestral.lsp.feedback.SuggestionFeedback;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Translates the editor's acceptance reports into {@link SuggestionFeedback} calls: the {@value
 * SuggestionItems#ACCEPT_COMMAND} command run after an item is accepted, and Copilot's {@code
 * didShowCompletion} / {@code didPartiallyAcceptCompletion} notifications.
 *
 * <p>The item in a notification is read leniently: its id is the first argument of its command; a
 * client that drops the command is matched by the item's insertText; anything else is logged at
 * debug level and ignored, since a malformed report must never disturb editing.
 */
final class AcceptanceFeedback implements CompletionFeedbackProtocol {
  private static final Logger LOG = System.getLogger(AcceptanceFeedback.class.getName());

  private final SuggestionFeedback feedback;
  private final PlacedItems placed;

  AcceptanceFeedback(SuggestionFeedback feedback, PlacedItems placed) {
    this.feedback = feedback;
    this.placed = placed;
  }

  @Override
  public void didShowCompletion(JsonElement params) {
    Optional<String> id = itemId(item(params));
    if (id.isEmpty() || !feedback.shown(id.get())) {
      LOG.log(Level.DEBUG, "didShowCompletion for an unknown item: {0}", params);
      return;
    }
    placed.shown(id.get());
  }

  @Override
  public void didPartiallyAcceptCompletion(JsonElement params) {
    Optional<String> id = itemId(item(params));
    Integer length = acceptedLength(params);
    if (id.isEmpty() || length == null || !feedback.partiallyAccepted(id.get(), length)) {
      LOG.log(Level.DEBUG, "didPartiallyAcceptCompletion not counted: {0}", params);
      return;
    }
    placed.partiallyAccepted(id.get(), length);
  }

  /** {@code workspace/executeCommand} of {@value SuggestionItems#ACCEPT_COMMAND}. */
  CompletableFuture<Object> execute(ExecuteCommandParams params) {
    if (!SuggestionItems.ACCEPT_COMMAND.equals(params.getCommand())) {
      CompletableFuture<Object> failed = new CompletableFuture<>();
      failed.completeExceptionally(
          new ResponseErrorException(
              new ResponseError(
                  ResponseErrorCode.InvalidParams,
                  "unknown command: " + params.getCommand(),
                  null)));
      return failed;
    }
    List<Object> arguments = params.getArguments();
    Optional<String> id =
        arguments == null || arguments.isEmpty() ? Optional.empty() : asId(arguments.get(0));
    if (id.isEmpty() || !feedback.accepted(id.get())) {
      LOG.log(Level.DEBUG, "Acceptance of an unknown item: {0}", arguments);
    } else {
      placed.accepted(id.get());
    }
    return CompletableFuture.completedFuture(null);
  }

  /** The item of {@code {item, …}}; a client that sends the bare item is understood too. */
  private static JsonObject item(JsonElement params) {
    if (params == null || !params.isJsonObject()) {
      return null;
    }
    JsonElement item = params.getAsJsonObject().get("item");
    return item != null && item.isJsonObject() ? item.getAsJsonObject() : params.getAsJsonObject();
  }

  private Optional<String> itemId(JsonObject item) {
    if (item == null) {
      return Optional.empty();
    }
    JsonElement command = item.get("command");
    if (command != null && command.isJsonObject()) {
      JsonElement arguments = command.getAsJsonObject().get("arguments");
      if (arguments instanceof JsonArray list && list.size() > 0) {
        Optional<String> id = asId(list.get(0));
        if (id.isPresent()) {
          return id;
        }
      }
    }
    return insertText(item).flatMap(feedback::idOfInsertText);
  }

  /** insertText is a string, or a snippet {@code {kind, value}}. */
  private static Optional<String> insertText(JsonObject item) {
    JsonElement text = item.get("insertText");
    if (text != null && text.isJsonPrimitive()) {
      return Optional.of(text.getAsString());
    }
    if (text != null && text.isJsonObject() && text.getAsJsonObject().has("value")) {
      JsonElement value = text.getAsJsonObject().get("value");
      return value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
    }
    return Optional.empty();
  }

  private static Integer acceptedLength(JsonElement params) {
    if (params == null || !params.isJsonObject()) {
      return null;
    }
    JsonElement length = params.getAsJsonObject().get("acceptedLength");
    if (length == null || !length.isJsonPrimitive() || !length.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    return length.getAsInt();
  }

  /**
   * An id as a command argument: a JSON string (LSP4J hands those over as JsonPrimitive) or a
   * String.
   */
  private static Optional<String> asId(Object argument) {
    if (argument instanceof String id) {
      return Optional.of(id);
    }
    if (argument instanceof JsonElement json && json.isJsonPrimitive()) {
      return Optional.of(json.getAsString());
    }
    return Optional.empty();
  }
}
