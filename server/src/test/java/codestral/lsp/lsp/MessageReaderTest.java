package codestral.lsp.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
  private static final Logger LSP4J_READER = Logger.getLogger(StreamMessageProducer.class.getName());
  private final List<Message> read = new ArrayList<>();
  private final List<String> issues = new ArrayList<>();
  private Level savedLevel;

  @BeforeEach
  void quietLsp4jReports() {
    // The malformed messages below are reported by LSP4J at SEVERE on purpose.
    savedLevel = LSP4J_READER.getLevel();
    LSP4J_READER.setLevel(Level.OFF);
  }

  @AfterEach
  void restoreReports() {
    LSP4J_READER.setLevel(savedLevel);
  }

  private static byte[] message(String json, Charset charset, String contentType) {
    byte[] content = json.getBytes(charset);
    String header =
        "Content-Length: " + content.length + "\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(content);
    return bytes.toByteArray();
  }

  private static byte[] notification(String text) {
    return message(
        "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{\"text\":\"" + text + "\"}}", StandardCharsets.UTF_8, null);
  }

  private void readAll(byte[]... messages) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      stream.writeBytes(message);
    }
    MessageReader reader =
        new MessageReader(
            new ByteArrayInputStream(stream.toByteArray()),
            new MessageJsonHandler(Map.of()),
            (message, found) -> issues.add(String.valueOf(found)));
    reader.listen(read::add);
  }

  private List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (Message message : read) {
      texts.add(((com.google.gson.JsonObject) ((NotificationMessage) message).getParams()).get("text").getAsString());
    }
    return texts;
  }

  @Test
  void messagesOfEverySizeArriveWholeAndInOrder() {
    String small = "x";
    String larger = "y".repeat(20_000); // more than the first buffer: it grows
    String largest = "z".repeat(MessageReader.LARGEST_BUFFERED + 1_000); // LSP4J's own path

    readAll(notification(small), notification(larger), notification(largest), notification(small));

    assertThat(texts()).containsExactly(small, larger, largest, small);
  }

  @Test
  void textIsDecodedInTheCharsetTheHeaderNames() {
    String text = "é ✓ 终 😀";
    byte[] latin1 =
        message(
            "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{\"text\":\"café\"}}",
            StandardCharsets.ISO_8859_1,
            "application/vscode-jsonrpc; charset=ISO-8859-1");

    readAll(notification(text), latin1, message(
        "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{\"text\":\"utf8\"}}",
        StandardCharsets.UTF_8,
        "application/vscode-jsonrpc; charset=utf8"));

    assertThat(texts()).containsExactly(text, "café", "utf8");
  }

  @Test
  void aMessageThatCannotBeReadIsSkippedAndTheNextOneIsRead() {
    byte[] malformed = message("{\"jsonrpc\":\"2.0\",\"method\":", StandardCharsets.UTF_8, null);
    byte[] unknownCharset =
        message(
            "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{\"text\":\"lost\"}}",
            StandardCharsets.UTF_8,
            "application/vscode-jsonrpc; charset=x-no-such-charset");

    readAll(notification("first"), malformed, notification("after a malformed one"), unknownCharset);

    // The unknown charset goes to LSP4J, which reports it and reads nothing of that message.
    assertThat(texts()).containsExactly("first", "after a malformed one");
  }

  @Test
  void anEditorThatStopsMidMessageEndsTheReading() {
    byte[] whole = notification("whole");
    byte[] cut = notification("cut short");

    readAll(whole, java.util.Arrays.copyOf(cut, cut.length - 5));

    assertThat(texts()).containsExactly("whole");
  }
}
