package codestral.lsp.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.document.PositionEncoding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EarlyInitializeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageJsonHandler LSP4J = new MessageJsonHandler(StartupPreload.supportedMethods());
  private static final String NEXT = frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"editor-7\"", "-2147483648"})
  void theEarlyAnswerIsTheOneTheServerGivesForEveryEncoding(String id) throws Exception {
    Object rawId = id.startsWith("\"") ? id.substring(1, id.length() - 1) : (Object) Integer.parseInt(id);
    for (PositionEncoding encoding : PositionEncoding.values()) {
      byte[] early = EarlyInitialize.message(rawId, encoding, "1.2.3");

      RequestMessage request = (RequestMessage) LSP4J.parseMessage(initialize(id, "{}"));
      ResponseMessage server = new ResponseMessage();
      server.setRawId(request.getRawId());
      server.setResult(CodestralLanguageServer.initializeResult(encoding, "1.2.3"));
      assertThat(body(early)).as(encoding.name()).isEqualTo(JSON.readTree(LSP4J.serialize(server)));
    }
  }

  @Test
  void answersInitializeAtOnceAndPassesTheWholeStreamOn() throws Exception {
    String stream =
        frame(initialize("3", "{\"processId\":9,\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\",\"utf-16\"]}},"
            + "\"initializationOptions\":{\"codestral\":{\"model\":\"m\"}}}")) + NEXT;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    EarlyInitialize early = EarlyInitialize.answer(trickle(stream), out, "1.2.3");

    assertThat(early.answered()).isTrue();
    JsonNode answer = body(out.toByteArray());
    assertThat(answer.path("id").asInt()).isEqualTo(3);
    assertThat(answer.at("/result/capabilities/positionEncoding").asText()).isEqualTo("utf-8");
    assertThat(answer.at("/result/serverInfo/version").asText()).isEqualTo("1.2.3");
    assertThat(new String(early.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(stream);
  }

  @Test
  void anInitializeWithoutCapabilitiesGetsTheDefaultEncoding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    EarlyInitialize early = EarlyInitialize.answer(stream(frame(initialize("1", "{\"capabilities\":null}"))), out, "v");

    assertThat(early.answered()).isTrue();
    assertThat(body(out.toByteArray()).at("/result/capabilities/positionEncoding").asText()).isEqualTo("utf-16");
  }

  static List<String> otherFirstMessages() {
    String initialize = initialize("1", "{}");
    return List.of(
        // Not an initialize request.
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\",\"params\":null}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}"),
        // Parts the answer depends on, in shapes LSP4J may read differently.
        frame(initialize("1", "[1,2]")),
        frame(initialize("1", "{\"capabilities\":{\"general\":\"x\"}}")),
        frame(initialize("1", "{\"capabilities\":{\"general\":{\"positionEncodings\":[8]}}}")),
        frame(initialize("1", "{\"capabilities\":{\"general\":{\"positionEncodings\":\"utf-8\"}}}")),
        frame(initialize("1.5", "{}")),
        frame(initialize("null", "{}")),
        frame(initialize("2147483648", "{}")),
        // Not JSON, or not all of it.
        frame(initialize + "}"),
        frame(initialize.substring(0, 20)),
        frame("[" + initialize + "]"),
        // Headers this class does not read, or none.
        "Content-Type: application/vscode-jsonrpc; charset=latin1\r\n" + frame(initialize),
        "Content-Length: x\r\n\r\n{}",
        "\r\n\r\n{}",
        "Content-Length: 9999999999\r\n\r\n{}",
        // The stream ends early.
        frame(initialize).substring(0, 30),
        "Content-Len",
        "");
  }

  @ParameterizedTest
  @MethodSource("otherFirstMessages")
  void leavesAnyOtherFirstMessageToLsp4jUntouched(String stream) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    EarlyInitialize early = EarlyInitialize.answer(trickle(stream + NEXT), out, "v");

    assertThat(early.answered()).isFalse();
    assertThat(out.size()).isZero();
    assertThat(new String(early.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(stream + NEXT);
  }

  @Test
  void aCharsetOfUtf8IsAccepted() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    String stream = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

    assertThat(EarlyInitialize.answer(stream(stream), new ByteArrayOutputStream(), "v").answered()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"1\"", "2147483647"})
  void theServersOwnAnswerIsDroppedOnceAndOnlyOnTheWayOut(String id) throws Exception {
    EarlyInitialize early =
        EarlyInitialize.answer(stream(frame(initialize(id, "{}"))), new ByteArrayOutputStream(), "v");
    List<Message> written = new ArrayList<>();
    MessageConsumer outgoing = early.apply(written::add);
    RequestMessage request = (RequestMessage) LSP4J.parseMessage(new String(early.input().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n")[1]);

    outgoing.consume(answerTo(request, "the server's"));
    outgoing.consume(answerTo(request, "a second initialize"));

    assertThat(written).hasSize(1);
    assertThat(((ResponseMessage) written.get(0)).getResult()).isEqualTo("a second initialize");
    RemoteEndpoint incoming = new RemoteEndpoint(message -> {}, ServiceEndpoints.toEndpoint(new Object()));
    assertThat(early.apply(incoming)).isSameAs(incoming);
  }

  @Test
  void aNumberAndAStringWithTheSameDigitsAreDifferentIds() throws Exception {
    EarlyInitialize early =
        EarlyInitialize.answer(stream(frame(initialize("1", "{}"))), new ByteArrayOutputStream(), "v");
    List<Message> written = new ArrayList<>();
    MessageConsumer outgoing = early.apply(written::add);
    ResponseMessage stringOne = new ResponseMessage();
    stringOne.setId("1");
    stringOne.setResult("kept");
    NotificationMessage notification = new NotificationMessage();
    notification.setMethod("window/logMessage");

    outgoing.consume(stringOne);
    outgoing.consume(notification);

    assertThat(written).containsExactly(stringOne, notification);
  }

  @Test
  void anErrorFromTheServerIsDroppedToo() throws Exception {
    EarlyInitialize early =
        EarlyInitialize.answer(stream(frame(initialize("4", "{}"))), new ByteArrayOutputStream(), "v");
    List<Message> written = new ArrayList<>();
    ResponseMessage error = new ResponseMessage();
    error.setId(4);
    error.setError(new ResponseError(ResponseErrorCode.InvalidParams, "bad params", null));

    early.apply(written::add).consume(error);

    assertThat(written).isEmpty();
  }

  @Test
  void withNoEarlyAnswerNothingIsDropped() throws Exception {
    EarlyInitialize early = EarlyInitialize.answer(stream(NEXT), new ByteArrayOutputStream(), "v");
    MessageConsumer consumer = message -> {};

    assertThat(early.apply(consumer)).isSameAs(consumer);
  }

  private static ResponseMessage answerTo(RequestMessage request, String result) {
    ResponseMessage response = new ResponseMessage();
    response.setRawId(request.getRawId());
    response.setResult(result);
    return response;
  }

  private static String initialize(String id, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":" + params + "}";
  }

  private static String frame(String body) {
    return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  /** The JSON body of one framed message, checking its Content-Length. */
  private static JsonNode body(byte[] message) throws IOException {
    String text = new String(message, StandardCharsets.UTF_8);
    int blank = text.indexOf("\r\n\r\n");
    String header = text.substring(0, blank);
    byte[] body = text.substring(blank + 4).getBytes(StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("Content-Length: " + body.length);
    return JSON.readTree(body);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An input that gives at most three bytes a read, as a pipe may. */
  private static InputStream trickle(String text) {
    InputStream whole = stream(text);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return whole.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return whole.read(buffer, offset, Math.min(length, 3));
      }
    };
  }
}
