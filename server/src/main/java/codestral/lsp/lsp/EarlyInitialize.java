package codestral.lsp.lsp;

import codestral.lsp.config.ApiKey;
import codestral.lsp.document.PositionEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Answers the editor's {@code initialize} request before LSP4J is running.
 *
 * <p>The editor waits for this one answer before it sends anything else, and LSP4J needs most of
 * a start to be ready for it: reflection over every annotated method of the server and client
 * interfaces, Gson and its adapters, the launcher. Yet the answer depends only on the position
 * encodings the editor offers and on this build's version. So the first message is read straight
 * from the input and, when it is an {@code initialize} request this class fully understands, the
 * answer is written at once, while LSP4J is still being built on the other core.
 *
 * <p>The request itself is then handed to LSP4J like any other message ({@link #input()} gives
 * it back, followed by the rest of the stream), so the editor's settings, folders and capabilities
 * reach the server by the one code path there is; {@link #apply} drops the server's own answer,
 * which the editor already has. Anything else as the first message — another method, a header or
 * charset this class does not know, JSON it cannot read — gets no early answer: its bytes go to
 * LSP4J untouched, which answers as it always has.
 *
 * <p>The answer is written by hand, with jackson-core's generator (no {@code ObjectMapper}, no
 * Gson: those are what the early answer saves), from the same facts as {@link
 * CodestralLanguageServer#initializeResult}; EarlyInitializeTest holds the two equal.
 */
public final class EarlyInitialize implements Function<MessageConsumer, MessageConsumer> {
  /**
   * Streaming only. Nothing on this path may start what it exists to avoid: no {@code
   * ObjectMapper}, no logger (the log is configured after the answer), no lambda and no string
   * concatenation (each bootstraps method handles on first use, milliseconds on a cold JVM).
   */
  private static final JsonFactory JSON = new JsonFactory();

  /** Larger first messages are left to LSP4J: an {@code initialize} is a few kilobytes. */
  private static final int MAX_MESSAGE_BYTES = 4 << 20;

  private static final int MAX_HEADER_BYTES = 8 << 10;

  private final InputStream input;
  private final Object answeredId;
  private final PositionEncoding encoding;
  private volatile boolean serverAnswerPending;

  private EarlyInitialize(InputStream input, Object answeredId, PositionEncoding encoding) {
    this.input = input;
    this.answeredId = answeredId;
    this.encoding = encoding;
    this.serverAnswerPending = answeredId != null;
  }

  /**
   * Reads the first message from {@code in} and, if it is an {@code initialize} request, writes
   * the answer to {@code out}. Blocks until the first message has arrived (or the input ended).
   */
  public static EarlyInitialize answer(InputStream in, OutputStream out, String version) {
    Frame frame = new Frame();
    try {
      if (!frame.read(in)) {
        return frame.passOn(in, null, null);
      }
      InitializeRequest request = InitializeRequest.parse(frame.bytes, frame.bodyStart, frame.bodyLength);
      if (request == null) {
        return frame.passOn(in, null, null);
      }
      PositionEncoding encoding = PositionEncoding.negotiate(request.positionEncodings);
      out.write(message(request.id, encoding, version));
      out.flush();
      return frame.passOn(in, request.id, encoding);
    } catch (IOException | RuntimeException e) {
      // A broken stream means the editor is gone, and LSP4J will find out the same way; a bug
      // here must not cost the editor its server: LSP4J answers instead.
      return frame.passOn(in, null, null);
    }
  }

  /** The input for LSP4J: the first message again, then the rest of the stream. */
  public InputStream input() {
    return input;
  }

  /** Whether the editor already has its answer to {@code initialize}. */
  public boolean answered() {
    return answeredId != null;
  }

  /**
   * For {@code Launcher.Builder.wrapMessages}: on the outgoing side, drops the server's answer to
   * the request answered early. The incoming side is left alone.
   */
  @Override
  public MessageConsumer apply(MessageConsumer consumer) {
    if (answeredId == null || consumer instanceof RemoteEndpoint) {
      return consumer;
    }
    return message -> {
      if (serverAnswerPending && message instanceof ResponseMessage && isAnswered(((ResponseMessage) message).getRawId())) {
        serverAnswerPending = false;
        check((ResponseMessage) message);
        return;
      }
      consumer.consume(message);
    };
  }

  private boolean isAnswered(Either<String, Number> id) {
    if (id == null) {
      return false;
    }
    if (answeredId instanceof String) {
      return id.isLeft() && answeredId.equals(id.getLeft());
    }
    return id.isRight() && answeredId.toString().equals(id.getRight().toString());
  }

  /** The server's answer should say what the early one said; if not, the log says so. */
  private void check(ResponseMessage server) {
    Logger log = System.getLogger(EarlyInitialize.class.getName());
    if (server.getError() != null) {
      log.log(
          Level.WARNING,
          "The editor''s initialize request could not be read in full ({0}); its settings were not applied",
          ApiKey.mask(server.getError().getMessage()));
    } else if (server.getResult() instanceof InitializeResult) {
      String negotiated = ((InitializeResult) server.getResult()).getCapabilities().getPositionEncoding();
      if (!encoding.wireName().equals(negotiated)) {
        log.log(Level.ERROR, "initialize was answered with encoding {0}, the server chose {1}", encoding.wireName(), negotiated);
      }
    }
  }

  /**
   * The whole answer, header and body, as {@code CodestralLanguageServer.initialize} would give
   * it: keep the two in step (EarlyInitializeTest compares them).
   */
  static byte[] message(Object id, PositionEncoding encoding, String version) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("jsonrpc", "2.0");
      if (id instanceof String) {
        json.writeStringField("id", (String) id);
      } else {
        json.writeNumberField("id", (Integer) id);
      }
      json.writeObjectFieldStart("result");
      json.writeObjectFieldStart("capabilities");
      json.writeStringField("positionEncoding", encoding.wireName());
      json.writeObjectFieldStart("textDocumentSync");
      json.writeBooleanField("openClose", true);
      json.writeNumberField("change", 2); // Incremental
      json.writeEndObject();
      json.writeObjectFieldStart("completionProvider");
      json.writeBooleanField("resolveProvider", false);
      json.writeEndObject();
      json.writeObjectFieldStart("executeCommandProvider");
      json.writeArrayFieldStart("commands");
      json.writeString(SuggestionItems.ACCEPT_COMMAND);
      json.writeEndArray();
      json.writeEndObject();
      json.writeBooleanField("inlineCompletionProvider", true);
      json.writeEndObject();
      json.writeObjectFieldStart("serverInfo");
      json.writeStringField("name", "codestral-lsp");
      json.writeStringField("version", version);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    }
    byte[] header =
        new StringBuilder(24).append("Content-Length: ").append(body.size()).append("\r\n\r\n")
            .toString()
            .getBytes(StandardCharsets.US_ASCII);
    byte[] message = Arrays.copyOf(header, header.length + body.size());
    System.arraycopy(body.toByteArray(), 0, message, header.length, body.size());
    return message;
  }

  /** The first message's bytes as read, and where its body is. */
  private static final class Frame {
    byte[] bytes = new byte[16 << 10];
    int filled;
    int bodyStart;
    int bodyLength;

    /** Reads one whole message; false when the headers are not ones this class understands. */
    boolean read(InputStream in) throws IOException {
      int headerEnd;
      while ((headerEnd = indexOfBlankLine()) < 0) {
        if (filled >= MAX_HEADER_BYTES || !fill(in)) {
          return false;
        }
      }
      int length = -1;
      String headers = new String(bytes, 0, headerEnd, StandardCharsets.US_ASCII);
      for (int lineStart = 0, lineEnd; lineStart < headers.length(); lineStart = lineEnd + 2) {
        lineEnd = headers.indexOf("\r\n", lineStart);
        if (lineEnd < 0) {
          lineEnd = headers.length();
        }
        String line = headers.substring(lineStart, lineEnd);
        int colon = line.indexOf(':');
        if (colon < 0) {
          return false;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          try {
            length = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            return false;
          }
        } else if (name.equals("content-type")) {
          String lower = value.toLowerCase(Locale.ROOT).replace(" ", "");
          // The protocol's default is UTF-8; a charset other than that is LSP4J's to decode.
          if (lower.contains("charset=") && !lower.contains("charset=utf-8") && !lower.contains("charset=utf8")) {
            return false;
          }
        }
      }
      if (length < 0 || length > MAX_MESSAGE_BYTES) {
        return false;
      }
      bodyStart = headerEnd + 4;
      bodyLength = length;
      int end = bodyStart + length;
      if (bytes.length < end) {
        bytes = Arrays.copyOf(bytes, end);
      }
      while (filled < end) {
        if (!fill(in)) {
          return false;
        }
      }
      return true;
    }

    private boolean fill(InputStream in) throws IOException {
      if (filled == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      int read = in.read(bytes, filled, bytes.length - filled);
      if (read < 0) {
        return false;
      }
      filled += read;
      return true;
    }

    private int indexOfBlankLine() {
      for (int i = 0; i + 3 < filled; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** Everything read so far, then the rest of {@code in}. */
    EarlyInitialize passOn(InputStream in, Object answeredId, PositionEncoding encoding) {
      InputStream again = new ByteArrayInputStream(bytes, 0, filled);
      return new EarlyInitialize(new SequenceInputStream(again, in), answeredId, encoding);
    }
  }

  /** What the early answer needs from an {@code initialize} request. */
  private static final class InitializeRequest {
    Object id;
    List<String> positionEncodings;

    /**
     * The request, or null when the message is not an {@code initialize} request or has a part
     * the answer depends on in a shape LSP4J might read differently.
     */
    static InitializeRequest parse(byte[] bytes, int offset, int length) {
      InitializeRequest request = new InitializeRequest();
      String method = null;
      boolean hasParams = false;
      try (JsonParser json = JSON.createParser(bytes, offset, length)) {
        if (json.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.getCurrentName();
          JsonToken value = json.nextToken();
          switch (field) {
            case "method":
              method = value == JsonToken.VALUE_STRING ? json.getText() : null;
              break;
            case "id":
              if (value == JsonToken.VALUE_STRING) {
                request.id = json.getText();
              } else if (value == JsonToken.VALUE_NUMBER_INT && json.getNumberType() == JsonParser.NumberType.INT) {
                // The protocol's integer is 32 bits, and LSP4J reads no other.
                request.id = json.getIntValue();
              } else {
                return null;
              }
              break;
            case "params":
              if (value != JsonToken.START_OBJECT || !request.readParams(json, 0)) {
                return null;
              }
              hasParams = true;
              break;
            default:
              json.skipChildren();
          }
        }
        if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
          return null;
        }
      } catch (IOException | RuntimeException e) {
        return null; // not JSON this class can read: LSP4J will say what is wrong with it
      }
      return "initialize".equals(method) && request.id != null && hasParams ? request : null;
    }

    /** Where the offered encodings are in {@code params}. */
    private static final String[] ENCODINGS_PATH = {"capabilities", "general", "positionEncodings"};

    /**
     * Reads the object the parser is at ({@code params} for depth 0), descending along {@link
     * #ENCODINGS_PATH} and skipping everything else; false when a step of the path is there in
     * another shape (null is as good as absent).
     */
    private boolean readParams(JsonParser json, int depth) throws IOException {
      boolean last = depth == ENCODINGS_PATH.length - 1;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken value = json.nextToken();
        if (!field.equals(ENCODINGS_PATH[depth]) || value == JsonToken.VALUE_NULL) {
          json.skipChildren();
        } else if (last
            ? value != JsonToken.START_ARRAY || !readPositionEncodings(json)
            : value != JsonToken.START_OBJECT || !readParams(json, depth + 1)) {
          return false;
        }
      }
      return true;
    }

    private boolean readPositionEncodings(JsonParser json) throws IOException {
      List<String> offered = new ArrayList<>();
      JsonToken item;
      while ((item = json.nextToken()) == JsonToken.VALUE_STRING) {
        offered.add(json.getText());
      }
      if (item != JsonToken.END_ARRAY) {
        return false;
      }
      positionEncodings = offered;
      return true;
    }
  }
}
