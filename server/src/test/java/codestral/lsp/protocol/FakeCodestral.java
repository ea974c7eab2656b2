package codestral.lsp.protocol;

import codestral.lsp.backend.codestral.DocumentedFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Codestral on loopback that is as strict as the real one: it checks the path, the bearer
 * key and the JSON body, answers 422 {@code extra_forbidden} to any field the API does not
 * document, 401 to a wrong key, and otherwise the answer a test queued (or a default).
 *
 * <p>Every request it received, valid or not, is recorded for the test to assert on.
 */
final class FakeCodestral implements AutoCloseable, AfterEachCallback {
  static final String KEY = "test-key-0123456789abcdef";

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Deque<Function<JsonNode, MockResponse>> scripted = new ConcurrentLinkedDeque<>();
  private volatile String defaultCompletion = "return 42;";
  private volatile Function<JsonNode, MockResponse> defaultAnswer;

  /** A request the fake saw: its path, headers and parsed body. */
  record Received(String path, String authorization, String contentType, JsonNode body) {
    String prompt() {
      return body.path("prompt").asText();
    }

    String suffix() {
      return body.path("suffix").asText();
    }
  }

  FakeCodestral() throws IOException {
    server.setServerSocketFactory(new WatchingServerSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  /**
   * A started fake for a test class's field: {@code @RegisterExtension final FakeCodestral fake =
   * FakeCodestral.started();} gives each test its own, closed after it.
   */
  static FakeCodestral started() {
    try {
      return new FakeCodestral();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
  }

  /** The base URL to give the server as {@code CODESTRAL_ENDPOINT}. */
  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The completion text of every answer that no script overrides. */
  void setDefaultCompletion(String text) {
    this.defaultCompletion = text;
  }

  /** Answers the next valid FIM request with this completion text. */
  void enqueueCompletion(String text) {
    scripted.add(body -> completion(text));
  }

  /** Answers the next valid request with whatever the function builds from its body. */
  void enqueue(Function<JsonNode, MockResponse> answer) {
    scripted.add(answer);
  }

  /** The next request the fake received, waiting up to five seconds for it. */
  Received takeRequest() throws InterruptedException {
    Received next = received.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the fake Codestral received no request");
    }
    return next;
  }

  /** The requests received so far and not yet taken. */
  List<Received> drainRequests() {
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  /** Requests received, not counting connection warm-ups ({@code GET /v1/models}). */
  int requestCount() {
    return server.getRequestCount() - warmUps.get();
  }

  private MockResponse answer(RecordedRequest request) {
    if ("GET".equals(request.getMethod()) && WARM_UP_PATH.equals(request.getPath())) {
      // The server's connection warm-up: no key, not a completion; counted apart.
      warmUps.incrementAndGet();
      warmUpSeen.countDown();
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody("{\"object\":\"list\",\"data\":[]}");
    }
    JsonNode body;
    try {
      body = json.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      body = json.createObjectNode();
    }
    received.add(
        new Received(
            request.getPath(),
            request.getHeader("Authorization"),
            request.getHeader("Content-Type"),
            body));
    if (!("Bearer " + KEY).equals(request.getHeader("Authorization"))) {
      return error(401, "{\"message\":\"Unauthorized\",\"request_id\":\"fake\"}");
    }
    Set<String> allowed;
    if ("/v1/fim/completions".equals(request.getPath())) {
      allowed = DocumentedFields.FIM;
    } else if ("/v1/chat/completions".equals(request.getPath())) {
      allowed = DocumentedFields.CHAT;
    } else {
      return error(404, "{\"detail\":\"Not Found\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        return error(422, extraForbidden(name));
      }
    }
    if (!body.path("model").isTextual()) {
      return error(
          422,
          "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model\"],\"msg\":\"Field required\"}]},\"type\":\"invalid_request_error\"}");
    }
    Function<JsonNode, MockResponse> script = scripted.poll();
    if (script != null) {
      return script.apply(body);
    }
    Function<JsonNode, MockResponse> byDefault = defaultAnswer;
    return byDefault != null ? byDefault.apply(body) : completion(defaultCompletion);
  }

  /** A non-streaming answer in the exact shape the API sends. */
  MockResponse completion(String text) {
    ObjectNode root = json.createObjectNode();
    root.put("id", "447e3e0d457e42e98248b5d2ef52a2a3");
    root.put("object", "chat.completion");
    root.put("model", "codestral-2508");
    root.put("created", 1759496862);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", 8);
    usage.put("completion_tokens", 91);
    usage.put("total_tokens", 99);
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text);
    message.putNull("tool_calls");
    message.put("prefix", false);
    choice.put("finish_reason", "stop");
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(root.toString());
  }

  static MockResponse error(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String extraForbidden(String field) {
    return "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\""
        + field
        + "\"],\"msg\":\"Extra inputs are not permitted\",\"input\":null}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
  }

  // ---- Streaming, warm-up and connection watching (issue 5) ----

  /** The path of the server's connection warm-up, which is not a completion. */
  static final String WARM_UP_PATH = "/v1/models";

  /**
   * Every streamed event is padded to this many bytes, so throttling sends one event per period.
   */
  static final int EVENT_BYTES = 512;

  private final java.util.concurrent.atomic.AtomicInteger warmUps =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.CountDownLatch warmUpSeen =
      new java.util.concurrent.CountDownLatch(1);
  private final BlockingQueue<StreamEnd> streamEnds = new LinkedBlockingQueue<>();

  /** How a streamed answer ended on the wire, as the fake saw it. */
  enum StreamEnd {
    /** Every byte up to {@code data: [DONE]} was written. */
    FINISHED,
    /** Writing failed before {@code [DONE]}: the client closed the connection. */
    ABORTED
  }

  /**
   * Streams every later answer to a {@code "stream": true} request, one token per {@code
   * delayMillis}.
   */
  void streamByDefault(String text, long delayMillis) {
    defaultAnswer =
        body -> body.path("stream").asBoolean() ? streamed(text, delayMillis) : completion(text);
  }

  /**
   * Answers every later valid request that no script overrides with what {@code answer} builds from
   * its body.
   */
  void answerByDefault(Function<JsonNode, MockResponse> answer) {
    defaultAnswer = answer;
  }

  /**
   * {@link #streamed(String, long)} with a latency profile: the headers after {@code
   * firstTokenMillis}, then one token per {@code delayMillis}; {@code usage.prompt_tokens} says
   * {@code promptTokens}.
   */
  MockResponse streamed(String text, long delayMillis, long firstTokenMillis, int promptTokens) {
    String body =
        streamed(text, 0)
            .getBody()
            .readUtf8()
            .replace("\"prompt_tokens\":8", "\"prompt_tokens\":" + promptTokens);
    MockResponse response =
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "text/event-stream")
            .setBody(body)
            .setHeadersDelay(firstTokenMillis, TimeUnit.MILLISECONDS);
    return delayMillis > 0
        ? response.throttleBody(EVENT_BYTES, delayMillis, TimeUnit.MILLISECONDS)
        : response;
  }

  /**
   * Streams the next answer, one token per {@code delayMillis} (plain JSON if the request did not
   * ask to stream).
   */
  void enqueueStreamed(String text, long delayMillis) {
    scripted.add(
        body -> body.path("stream").asBoolean() ? streamed(text, delayMillis) : completion(text));
  }

  /**
   * An SSE answer in the API's shape: a role chunk, one chunk per token (up to four characters, as
   * a tokenizer would cut it), a finishing chunk with usage, then {@code data: [DONE]}. Each event
   * is padded with an SSE comment to {@value #EVENT_BYTES} bytes and the body throttled to one
   * event per {@code delayMillis}, so tokens arrive one by one.
   */
  MockResponse streamed(String text, long delayMillis) {
    return streamed(text, delayMillis, "stop");
  }

  /**
   * {@link #streamed(String, long)} ending with this {@code finish_reason} ({@code length}: the
   * token limit).
   */
  MockResponse streamed(String text, long delayMillis, String finishReason) {
    StringBuilder body = new StringBuilder();
    body.append(event(chunk("", null, true)));
    for (String token : tokens(text)) {
      body.append(event(chunk(token, null, false)));
    }
    ObjectNode last = chunk("", finishReason, false);
    ObjectNode usage = last.putObject("usage");
    usage.put("prompt_tokens", 8);
    usage.put("completion_tokens", tokens(text).size());
    usage.put("total_tokens", 8 + tokens(text).size());
    body.append(event(last));
    body.append(pad("data: [DONE]\n\n"));
    MockResponse response =
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "text/event-stream")
            .setBody(body.toString());
    return delayMillis > 0
        ? response.throttleBody(EVENT_BYTES, delayMillis, TimeUnit.MILLISECONDS)
        : response;
  }

  private ObjectNode chunk(String content, String finish, boolean role) {
    ObjectNode root = json.createObjectNode();
    root.put("id", "447e3e0d457e42e98248b5d2ef52a2a3");
    root.put("object", "chat.completion.chunk");
    root.put("created", 1759496862);
    root.put("model", "codestral-2508");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (role) {
      delta.put("role", "assistant");
    }
    delta.put("content", content);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return root;
  }

  private static String event(ObjectNode chunk) {
    return pad("data: " + chunk + "\n\n");
  }

  /** Puts an SSE comment line before the event so the whole is exactly EVENT_BYTES bytes. */
  private static String pad(String event) {
    int length = event.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int padding = EVENT_BYTES - length - 3; // ":" + padding + "\n" + ...
    if (padding < 0) {
      throw new IllegalArgumentException("a streamed token is too long for one event");
    }
    return ":" + " ".repeat(padding) + "\n\n" + event;
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + 4);
      int lineBreak = text.indexOf('\n', i);
      if (lineBreak == i) {
        end = i + 1;
      } else if (lineBreak > i && lineBreak < end) {
        end = lineBreak;
      }
      tokens.add(text.substring(i, end));
      i = end;
    }
    return tokens;
  }

  /** How many warm-ups the server made. */
  int warmUpCount() {
    return warmUps.get();
  }

  /** Waits up to ten seconds for the server's first warm-up. */
  boolean awaitWarmUp() throws InterruptedException {
    return warmUpSeen.await(10, TimeUnit.SECONDS);
  }

  /** The end of the next streamed answer, waiting up to twenty seconds; null if none ended. */
  StreamEnd awaitStreamEnd() throws InterruptedException {
    return streamEnds.poll(20, TimeUnit.SECONDS);
  }

  /**
   * Server sockets whose connections report how each streamed answer ended: a write that fails
   * before {@code [DONE]} means the client hung up, which is how a cancelled call looks from here.
   */
  private final class WatchingServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new WatchingServerSocket();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      java.net.ServerSocket socket = new WatchingServerSocket();
      socket.bind(new java.net.InetSocketAddress(port));
      return socket;
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      java.net.ServerSocket socket = new WatchingServerSocket();
      socket.bind(new java.net.InetSocketAddress(port), backlog);
      return socket;
    }

    @Override
    public java.net.ServerSocket createServerSocket(
        int port, int backlog, java.net.InetAddress address) throws IOException {
      java.net.ServerSocket socket = new WatchingServerSocket();
      socket.bind(new java.net.InetSocketAddress(address, port), backlog);
      return socket;
    }
  }

  // ---- Idle connections closed as servers and proxies do (issue 24) ----

  private final Object connectionsLock = new Object();
  private int connectionsOpened;
  private int connectionsClosed;
  private volatile java.util.function.IntSupplier idleCloseMillis = () -> 0;

  /**
   * Closes every connection that waited {@code idle} for its next request, as Node (5 s) and many
   * proxies do with keep-alive connections. Like theirs, the clock runs only while the fake waits
   * for a request: never while it reads one, works on it or writes the answer.
   */
  void closeIdleConnectionsAfter(java.time.Duration idle) {
    int millis = Math.toIntExact(idle.toMillis());
    idleCloseMillis = () -> millis;
  }

  /**
   * Like {@link #closeIdleConnectionsAfter}, each connection with its own idle time in [min, max).
   */
  void closeIdleConnectionsAtRandom(java.time.Duration min, java.time.Duration max, long seed) {
    java.util.Random random = new java.util.Random(seed);
    int from = Math.toIntExact(min.toMillis());
    int span = Math.toIntExact(max.toMillis()) - from;
    idleCloseMillis =
        () -> {
          synchronized (random) {
            return from + random.nextInt(span);
          }
        };
  }

  /**
   * Waits until no connection is open at the fake, so that every connection the client still pools
   * is one the fake has closed, as after a pause longer than the idle time; true if that happened
   * within {@code timeout}.
   */
  boolean awaitNoOpenConnection(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (connectionsLock) {
      while (connectionsClosed < connectionsOpened) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(connectionsLock, left);
      }
      return true;
    }
  }

  /** Connections the fake accepted so far. */
  int connectionsOpened() {
    synchronized (connectionsLock) {
      return connectionsOpened;
    }
  }

  private final class WatchingServerSocket extends java.net.ServerSocket {
    WatchingServerSocket() throws IOException {
      super();
    }

    @Override
    public java.net.Socket accept() throws IOException {
      java.net.Socket socket = new WatchedSocket();
      implAccept(socket);
      synchronized (connectionsLock) {
        connectionsOpened++;
      }
      int idleMillis = idleCloseMillis.getAsInt();
      if (idleMillis > 0) {
        // MockWebServer reads only when it waits for the next request; a read that waits this long
        // is an idle connection, which the socket's input then closes.
        socket.setSoTimeout(idleMillis);
      }
      // As a real API server does: without it, Nagle's algorithm and the client's delayed ACK add
      // up to 40 ms to every small streamed write, which would swamp what the benchmark measures.
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  private final class WatchedSocket extends java.net.Socket {
    private java.io.OutputStream watched;
    private java.io.InputStream watchedInput;
    private boolean counted;

    @Override
    public synchronized java.io.InputStream getInputStream() throws IOException {
      if (watchedInput == null) {
        java.io.InputStream in = super.getInputStream();
        watchedInput =
            new java.io.FilterInputStream(in) {
              @Override
              public int read() throws IOException {
                try {
                  return super.read();
                } catch (java.net.SocketTimeoutException idle) {
                  WatchedSocket.this.close();
                  throw idle;
                }
              }

              @Override
              public int read(byte[] bytes, int offset, int length) throws IOException {
                try {
                  return super.read(bytes, offset, length);
                } catch (java.net.SocketTimeoutException idle) {
                  WatchedSocket.this.close();
                  throw idle;
                }
              }
            };
      }
      return watchedInput;
    }

    @Override
    public void close() throws IOException {
      super.close();
      synchronized (connectionsLock) {
        if (!counted) {
          counted = true;
          connectionsClosed++;
          connectionsLock.notifyAll();
        }
      }
    }

    @Override
    public synchronized java.io.OutputStream getOutputStream() throws IOException {
      if (watched == null) {
        java.io.OutputStream out = super.getOutputStream();
        watched =
            new java.io.OutputStream() {
              private boolean streaming;

              @Override
              public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] bytes, int offset, int length) throws IOException {
                String text =
                    new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("text/event-stream")) {
                  streaming = true;
                }
                try {
                  out.write(bytes, offset, length);
                } catch (IOException e) {
                  if (streaming) {
                    streaming = false;
                    streamEnds.add(StreamEnd.ABORTED);
                  }
                  throw e;
                }
                if (streaming && text.contains("data: [DONE]")) {
                  streaming = false;
                  streamEnds.add(StreamEnd.FINISHED);
                }
              }

              @Override
              public void flush() throws IOException {
                out.flush();
              }

              @Override
              public void close() throws IOException {
                out.close();
              }
            };
      }
      return watched;
    }
  }

  /** Answers the next valid request with this status, body and headers (name, value, …). */
  void enqueueError(int status, String body, String... headers) {
    scripted.add(
        request -> {
          MockResponse response = error(status, body);
          for (int i = 0; i + 1 < headers.length; i += 2) {
            response.setHeader(headers[i], headers[i + 1]);
          }
          return response;
        });
  }

  /** Answers the next valid request with a 200 whose body is not JSON. */
  void enqueueNotJson(String body) {
    scripted.add(
        request ->
            new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "text/html")
                .setBody(body));
  }

  /**
   * Breaks the connection of the next valid request as {@code policy} says: {@code
   * DISCONNECT_AFTER_REQUEST} (a reset before any answer), {@code NO_RESPONSE} (a hung API), {@code
   * DISCONNECT_DURING_RESPONSE_BODY} (a truncated answer).
   */
  void enqueueSocketPolicy(okhttp3.mockwebserver.SocketPolicy policy) {
    scripted.add(request -> completion(defaultCompletion).setSocketPolicy(policy));
  }

  /** A 422 naming {@code field} as the API does for an undocumented field. */
  static String extraForbiddenBody(String field) {
    return extraForbidden(field);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  /** Answers the next valid chat request with a stream of these deltas, then usage and [DONE]. */
  void enqueueChatStream(List<String> deltas) {
    scripted.add(body -> chatStream(deltas, 21, deltas.size()));
  }

  /**
   * A streamed chat answer in the exact shape the API sends: a first chunk with the role, one chunk
   * per delta, a last chunk with {@code finish_reason} and {@code usage}, then {@code [DONE]}.
   */
  MockResponse chatStream(List<String> deltas, int promptTokens, int completionTokens) {
    StringBuilder events = new StringBuilder();
    ObjectNode first = chatChunk();
    first
        .withArray("choices")
        .addObject()
        .put("index", 0)
        .putNull("finish_reason")
        .putObject("delta")
        .put("role", "assistant")
        .put("content", "");
    events.append("data: ").append(first).append("\n\n");
    for (String delta : deltas) {
      ObjectNode chunk = chatChunk();
      chunk
          .withArray("choices")
          .addObject()
          .put("index", 0)
          .putNull("finish_reason")
          .putObject("delta")
          .put("content", delta);
      events.append("data: ").append(chunk).append("\n\n");
    }
    ObjectNode last = chatChunk();
    ObjectNode choice = last.withArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("content", "");
    choice.put("finish_reason", "stop");
    last.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    events.append("data: ").append(last).append("\n\n");
    events.append("data: [DONE]\n\n");
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/event-stream")
        .setBody(events.toString());
  }

  private ObjectNode chatChunk() {
    ObjectNode chunk = json.createObjectNode();
    chunk.put("id", "cmpl-fake");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1759496862);
    chunk.put("model", "codestral-2508");
    return chunk;
  }
}
