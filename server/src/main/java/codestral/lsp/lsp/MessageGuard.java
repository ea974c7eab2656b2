package codestral.lsp.lsp;

import codestral.lsp.backend.BackendException;
import codestral.lsp.config.ApiKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Stands between the JSON-RPC reader and the server ({@code Launcher.Builder.wrapMessages}).
 *
 * <p>After {@code shutdown}, a request is answered InvalidRequest (-32600) without reaching the
 * server and a notification other than {@code exit} is dropped, as the protocol says. And whatever
 * a handler throws is caught and logged here, so one bad message can never end the reader loop.
 * (LSP4J itself already logs and skips frames it cannot parse; this covers what gets past it.)
 *
 * <p>LSP4J applies the wrapper to both directions; the incoming side is the one wrapping the {@link
 * RemoteEndpoint}, the other is kept to answer refused requests.
 */
public final class MessageGuard implements Function<MessageConsumer, MessageConsumer> {
  private static final Logger LOG = System.getLogger(MessageGuard.class.getName());

  private final BooleanSupplier shutDown;
  private volatile MessageConsumer outgoing;

  public MessageGuard(BooleanSupplier shutDown) {
    this.shutDown = shutDown;
  }

  @Override
  public MessageConsumer apply(MessageConsumer consumer) {
    if (!(consumer instanceof RemoteEndpoint)) {
      outgoing = consumer;
      return consumer;
    }
    return message -> consume(consumer, message);
  }

  private void consume(MessageConsumer server, Message message) {
    if (shutDown.getAsBoolean()) {
      if (message instanceof RequestMessage request) {
        LOG.log(Level.WARNING, "Refusing {0} after shutdown", request.getMethod());
        reply(
            request,
            new ResponseError(
                ResponseErrorCode.InvalidRequest, "the server is shutting down", null));
        return;
      }
      if (message instanceof NotificationMessage notification
          && !"exit".equals(notification.getMethod())) {
        LOG.log(Level.DEBUG, "Dropping {0} after shutdown", notification.getMethod());
        return;
      }
    }
    try {
      server.consume(message);
    } catch (RuntimeException | StackOverflowError e) {
      String what =
          message instanceof RequestMessage request
              ? request.getMethod()
              : message instanceof NotificationMessage notification
                  ? notification.getMethod()
                  : "a response";
      LOG.log(
          Level.WARNING,
          "Handling {0} failed, carrying on: {1}",
          what,
          ApiKey.mask(String.valueOf(e)));
      if (message instanceof RequestMessage request) {
        reply(
            request,
            new ResponseError(
                ResponseErrorCode.InternalError, "internal error handling " + what, null));
      }
    }
  }

  private void reply(RequestMessage request, ResponseError error) {
    MessageConsumer out = outgoing;
    if (out == null) {
      return;
    }
    ResponseMessage response = new ResponseMessage();
    response.setRawId(request.getRawId());
    response.setError(error);
    out.consume(response);
  }

  /**
   * Replaces LSP4J's default answer to a handler's exception, which puts the exception's text and
   * stack trace on the wire: an error keeps its code, its text is masked, and no stack goes out.
   */
  public static ResponseError toResponseError(Throwable throwable) {
    Throwable cause = BackendException.unwrap(throwable);
    if (cause instanceof InvocationTargetException reflected && reflected.getCause() != null) {
      cause = BackendException.unwrap(reflected.getCause());
    }
    if (cause instanceof ResponseErrorException responseError) {
      ResponseError error = responseError.getResponseError();
      // The data stays: it is ours (for example chat's {kind, status}), never an exception's text.
      return new ResponseError(error.getCode(), ApiKey.mask(error.getMessage()), error.getData());
    }
    LOG.log(Level.ERROR, "Internal error: {0}", ApiKey.mask(String.valueOf(cause)));
    return new ResponseError(
        ResponseErrorCode.InternalError,
        ApiKey.mask("internal error: " + cause.getClass().getSimpleName()),
        null);
  }
}
