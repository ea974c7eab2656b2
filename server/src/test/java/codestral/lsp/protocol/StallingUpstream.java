package codestral.lsp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that starts a streamed answer and then never finishes it, so a test can cancel
 * mid-stream and see whether the server really hangs up.
 *
 * <p>MockWebServer writes a body whole (or throttled by time), so it cannot notice a client that
 * goes away; this one speaks just enough HTTP/1.1 by hand: it reads one request, sends the headers
 * and the first part of the body, flushes, then blocks reading the socket. A {@code GET} (the
 * server's connection warm-up) is answered 404 and does not count. That read returns end-of-stream
 * (or fails) exactly when the client closes the connection, which is what {@link #awaitClientGone}
 * waits for. Deterministic, no sleeps.
 */
final class StallingUpstream implements AutoCloseable {
  private final ServerSocket socket;
  private final CountDownLatch firstPartSent = new CountDownLatch(1);
  private final CountDownLatch clientGone = new CountDownLatch(1);
  private final Thread thread;
  private volatile String requestLine;
  private volatile String requestBody;

  /**
   * @param contentType the answer's content type, e.g. {@code text/event-stream}
   * @param firstPart the body sent before stalling: whole events or lines the client can use
   */
  StallingUpstream(String contentType, String firstPart) throws IOException {
    socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(contentType, firstPart), "stalling-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The request line, e.g. {@code POST /v1/chat/completions HTTP/1.1}, once it arrived. */
  String requestLine() {
    return requestLine;
  }

  String requestBody() {
    return requestBody;
  }

  boolean awaitFirstPartSent() throws InterruptedException {
    return firstPartSent.await(10, TimeUnit.SECONDS);
  }

  /** True when the client closed the connection within ten seconds. */
  boolean awaitClientGone() throws InterruptedException {
    return clientGone.await(10, TimeUnit.SECONDS);
  }

  private void serve(String contentType, String firstPart) {
    try {
      // The server's warm-up may hold a pooled connection of its own while the call under test
      // opens another: each connection gets its own thread, so neither waits for the other.
      while (true) {
        Socket client = socket.accept();
        Thread connection =
            new Thread(
                () -> {
                  try {
                    serveConnection(client, contentType, firstPart);
                  } catch (IOException e) {
                    // That connection broke: the test sees it through clientGone or not at all.
                  }
                },
                "stalling-upstream-connection");
        connection.setDaemon(true);
        connection.start();
      }
    } catch (IOException e) {
      // The socket was closed by close(): the test is over.
    }
  }

  /** Serves one connection; true once the request to stall was served on it. */
  private boolean serveConnection(Socket client, String contentType, String firstPart)
      throws IOException {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        String head;
        try {
          head = readHead(in);
        } catch (IOException closed) {
          return false;
        }
        String line = head.substring(0, head.indexOf("\r\n"));
        int length = contentLength(head);
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        if (line.startsWith("GET ")) {
          // The server's connection warm-up (GET /v1/models): not the call under test.
          out.write(
              "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        requestLine = line;
        requestBody = body;
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(firstPart.getBytes(StandardCharsets.UTF_8));
        out.flush();
        firstPartSent.countDown();
        try {
          // The client sends nothing more: this returns -1 or throws only when it hangs up.
          while (in.read() >= 0) {
            // Ignore anything it might still send.
          }
        } catch (IOException reset) {
          // A reset is a hang-up too.
        }
        clientGone.countDown();
        return true;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended inside its headers");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
