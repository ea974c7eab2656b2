package codestral.lsp.backend.codestral;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads a {@code text/event-stream} body incrementally, as the API sends it: {@code data:} lines, a
 * blank line ending each event, and {@code data: [DONE]} ending the stream.
 *
 * <p>Reading is pull-based on the caller's thread; the listener can stop it early (for example when
 * the suggestion is decided) by returning false, and the caller then cancels the call.
 */
final class ServerSentEvents {

  /** Receives each event's data. Return false to stop reading. */
  interface Listener {
    boolean onData(String data) throws IOException;
  }

  /** How a stream ended. */
  enum End {
    /** {@code data: [DONE]} arrived. */
    DONE,
    /** The listener asked to stop. */
    STOPPED,
    /** The body ended without {@code [DONE]}: a truncated stream. */
    TRUNCATED
  }

  private ServerSentEvents() {}

  static End read(BufferedSource source, Listener listener) throws IOException {
    StringBuilder data = new StringBuilder();
    while (true) {
      String line = source.readUtf8Line();
      if (line == null) {
        // An unterminated last event still counts if it is whole JSON; the caller decides.
        if (data.length() > 0 && !dispatch(data, listener)) {
          return End.STOPPED;
        }
        return End.TRUNCATED;
      }
      if (line.isEmpty()) {
        if (data.length() > 0) {
          if ("[DONE]".contentEquals(data)) {
            return End.DONE;
          }
          if (!dispatch(data, listener)) {
            return End.STOPPED;
          }
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue; // A comment, used as keep-alive.
      }
      if (line.startsWith("data:")) {
        String value = line.substring(5);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(value);
        if ("[DONE]".equals(value) && data.length() == value.length()) {
          return End.DONE;
        }
      }
      // Other fields (event:, id:, retry:) carry nothing the API uses.
    }
  }

  private static boolean dispatch(StringBuilder data, Listener listener) throws IOException {
    String event = data.toString();
    data.setLength(0);
    return listener.onData(event);
  }
}
