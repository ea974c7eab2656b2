package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first exchange, in-process in raw bytes, as an editor writes them: the editor gets exactly
 * one answer to {@code initialize}, the server applies everything the request carried (encoding,
 * settings) before answering, and an odd first message is answered, not fatal.
 */
class InitializeProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URI = "file:///work/project/early.py";

  @RegisterExtension final QuietClientLog quietClient = new QuietClientLog();

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void initializeIsAnsweredOnceAndTheServerAppliesWhatItCarried() throws Exception {
    fake.setDefaultCompletion("2");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      send(
          lsp,
          "{\"jsonrpc\":\"2.0\",\"id\":\"editor-1\",\"method\":\"initialize\",\"params\":{\"processId\":null,"
              + "\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\"]}},"
              + "\"initializationOptions\":{\"codestral\":{\"model\":\"codestral-early\"}}}}");
      send(lsp, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      // "é" is two bytes in UTF-8: column 8 is before "y" in UTF-8, after it in UTF-16.
      lsp.open(URI, "python", "é = 1; y\n");

      lsp.inline(URI, 0, 8);
      assertThat(lsp.shutdownAndExit()).isZero();

      FakeCodestral.Received call = fake.drainRequests().get(0);
      assertThat(call.body().path("prompt").asText()).isEqualTo("é = 1; ");
      assertThat(call.body().path("model").asText()).isEqualTo("codestral-early");
      List<JsonNode> answers = responsesTo(lsp, JSON.getNodeFactory().textNode("editor-1"));
      assertThat(answers).hasSize(1);
      JsonNode result = answers.get(0).path("result");
      assertThat(result.at("/capabilities/positionEncoding").asText()).isEqualTo("utf-8");
      assertThat(result.at("/capabilities/inlineCompletionProvider").asBoolean()).isTrue();
      assertThat(result.at("/serverInfo/version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  void aFirstMessageThatIsNotInitializeIsAnsweredAsAnUnknownMethod() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      send(lsp, "{\"jsonrpc\":\"2.0\",\"id\":70,\"method\":\"codestral/nothing\",\"params\":{}}");
      send(
          lsp,
          "{\"jsonrpc\":\"2.0\",\"id\":71,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      lsp.open(URI, "python", "x = \n");
      lsp.inline(URI, 0, 4);
      assertThat(lsp.shutdownAndExit()).isZero();

      assertThat(responsesTo(lsp, JSON.getNodeFactory().numberNode(70)))
          .singleElement()
          .satisfies(answer -> assertThat(answer.at("/error/code").asInt()).isEqualTo(-32601));
      assertThat(responsesTo(lsp, JSON.getNodeFactory().numberNode(71)))
          .singleElement()
          .satisfies(
              answer ->
                  assertThat(answer.at("/result/capabilities/positionEncoding").asText())
                      .isEqualTo("utf-16"));
    }
  }

  @Test
  void anInitializeWithAnOddCapabilityIsAnsweredAndTheServerKeepsServing() throws Exception {
    fake.setDefaultCompletion("1");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      send(
          lsp,
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":{\"capabilities\":{\"general\":\"odd\"}}}");
      lsp.open(URI, "python", "x = \n");

      List<InlineCompletionItem> items = lsp.inline(URI, 0, 4).getItems();
      assertThat(lsp.shutdownAndExit()).isZero();

      assertThat(items).isNotEmpty();
      assertThat(responsesTo(lsp, JSON.getNodeFactory().numberNode(5))).hasSize(1);
    }
  }

  private static void send(InProcessServer lsp, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream raw = lsp.rawInput();
    raw.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    raw.write(bytes);
    raw.flush();
  }

  /** Every response the server wrote with this id. */
  private static List<JsonNode> responsesTo(InProcessServer lsp, JsonNode id) throws IOException {
    byte[] stream = lsp.output().getBytes(StandardCharsets.UTF_8);
    List<JsonNode> responses = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      String rest =
          new String(stream, at, Math.min(200, stream.length - at), StandardCharsets.US_ASCII);
      int blank = rest.indexOf("\r\n\r\n");
      int length = Integer.parseInt(rest.substring("Content-Length: ".length(), blank).strip());
      JsonNode message = JSON.readTree(stream, at + blank + 4, length);
      if (!message.has("method") && id.equals(message.get("id"))) {
        responses.add(message);
      }
      at += blank + 4 + length;
    }
    return responses;
  }
}
