package codestral.lsp.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * LSP4J's reader of the editor's messages, with a message's content read into a buffer kept from
 * one message to the next and decoded to a string in one step.
 *
 * <p>Why: LSP4J 1.0 parses each message through a new {@code InputStreamReader}, whose decoder
 * allocates an 8 KB buffer for the message however small it is: 8.5 KB of garbage per message,
 * two messages per completion request, on the thread that reads every keystroke
 * ({@code jdk.ObjectAllocationSample} during LatencyBenchmark). The garbage is what brings the
 * young collections, each a pause of most of a millisecond in some completion's path.
 *
 * <p>Only the reading changes; parsing, the issue handler and the error reports are LSP4J's, and
 * a message this class would not improve on goes to LSP4J's own path: one larger than
 * {@value #LARGEST_BUFFERED} bytes (a {@code didOpen} of a large file, which LSP4J decodes as it
 * parses instead of holding it as bytes and chars at once) or in a charset Java does not know
 * (LSP4J reports it).
 */
final class MessageReader extends StreamMessageProducer {
  /** The largest message read through the kept buffer; it also caps what the buffer keeps. */
  static final int LARGEST_BUFFERED = 64 * 1024;

  private final MessageJsonHandler jsonHandler;
  private final MessageIssueHandler issueHandler;
  private byte[] buffer = new byte[4 * 1024];
  private MessageConsumer callback;

  MessageReader(InputStream input, MessageJsonHandler jsonHandler, MessageIssueHandler issueHandler) {
    super(input, jsonHandler, issueHandler);
    this.jsonHandler = jsonHandler;
    this.issueHandler = issueHandler;
  }

  @Override
  public void listen(MessageConsumer callback) {
    this.callback = callback;
    super.listen(callback);
  }

  @Override
  protected boolean handleMessage(InputStream input, Headers headers) {
    int length = headers.contentLength;
    Charset charset = knownCharset(headers.charset);
    if (length > LARGEST_BUFFERED || charset == null || callback == null) {
      return super.handleMessage(input, headers);
    }
    if (buffer.length < length) {
      buffer = new byte[Math.min(LARGEST_BUFFERED, Math.max(length, buffer.length * 2))];
    }
    int read = 0;
    try {
      while (read < length) {
        int count = input.read(buffer, read, length - read);
        if (count < 0) {
          break; // the editor went away mid-message: what came is parsed (and fails), as in LSP4J
        }
        read += count;
      }
    } catch (IOException e) {
      // As in LSP4J, where the read happens inside the parse: reported, and the next read of the
      // stream finds it closed and ends the session.
      fireError(e);
      return true;
    }
    // As LSP4J's own handleMessage: an issue goes to the issue handler (which answers a request
    // with an error), anything else is reported, and reading goes on with the next message.
    try {
      Message message = jsonHandler.parseMessage(new String(buffer, 0, read, charset));
      callback.consume(message);
    } catch (MessageIssueException e) {
      if (issueHandler != null) {
        issueHandler.handle(e.getRpcMessage(), e.getIssues());
      } else {
        fireError(e);
      }
    } catch (Exception e) {
      fireError(e);
    }
    return true;
  }

  /** The charset a header names, or null when Java does not know it. */
  private static Charset knownCharset(String name) {
    if (name == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(name)) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
