package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of random and malformed messages written as raw bytes on the server's input (bad
 * headers, bad JSON, wrong types, unknown methods, huge and negative positions, stale versions),
 * then a valid request: the server must still answer it, from the document text the editor really
 * has. Seeded, so a failure replays.
 */
class FuzzProtocolTest {
  private static final long SEED = 20261123L;
  private static final int MESSAGES = 3000;
  private static final String URI = "file:///work/project/kept.py";
  private static final String[] UNKNOWN_METHODS = {
    "fuzz/unknown",
    "textDocument/unknownThing",
    "codestral/nothing",
    "$/fuzzNotice",
    "workspace/executeCommand",
    "textDocument/hover",
    "",
    "\u0000",
    "😀/😀"
  };

  @RegisterExtension final QuietClientLog quietClient = new QuietClientLog();

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void thousandsOfMalformedMessagesLeaveTheServerServingItsDocumentsIntact() throws Exception {
    fake.setDefaultCompletion("a + b");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def add(a, b):\n    return \n\nprint(add(1, 2))\n");
      lsp.change(URI, edit(0, 0, 0, 0, "# kept\n"));
      String expected = "# kept\ndef add(a, b):\n    return \n\nprint(add(1, 2))\n";

      Random random = new Random(SEED);
      OutputStream raw = lsp.rawInput();
      for (int i = 0; i < MESSAGES; i++) {
        raw.write(frame(random, i));
      }
      // Whatever an over-long frame still waits for, this fills; then a blank line resynchronizes.
      raw.write((" ".repeat(4096) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      raw.flush();

      InlineCompletionList list = lsp.inline(URI, 2, 11);
      assertThat(lsp.isAlive()).isTrue();
      int cursor = expected.indexOf("return ") + "return ".length();
      List<FakeCodestral.Received> seen = fake.drainRequests();
      assertThat(seen)
          .as("the fake saw the valid request with the document as the editor has it")
          .anySatisfy(
              request -> {
                assertThat(request.prompt()).isEqualTo(expected.substring(0, cursor));
                assertThat(request.suffix()).isEqualTo(expected.substring(cursor));
              });
      assertThat(list.getItems())
          .extracting(InlineCompletionItem::getInsertText)
          .extracting(text -> text.getLeft())
          .containsExactly("    return a + b");
      // Unknown requests were answered MethodNotFound, not dropped and not fatal.
      assertThat(lsp.output()).contains("\"code\":-32601");
      assertThat(lsp.shutdownAndExit()).isZero();
    }
  }

  /** One message, well-framed or not; always leaves the stream where a clean frame may start. */
  private static byte[] frame(Random random, int index) {
    String id = "\"fuzz-" + index + "\"";
    switch (random.nextInt(14)) {
      case 0:
        return framed(randomBytes(random, 1 + random.nextInt(200)));
      case 1:
        {
          String whole =
              request(
                  id,
                  "textDocument/inlineCompletion",
                  inlineParams(random, "file:///fuzz/" + random.nextInt(5) + ".py"));
          return framed(
              whole.substring(0, random.nextInt(whole.length())).getBytes(StandardCharsets.UTF_8));
        }
      case 2:
        {
          String[] notRpc = {
            "[1,2,3]",
            "42",
            "\"text\"",
            "{\"foo\":1}",
            "null",
            "{}",
            "{\"jsonrpc\":\"1.0\"}",
            "{\"id\":{}}",
            "[]"
          };
          return framed(notRpc[random.nextInt(notRpc.length)].getBytes(StandardCharsets.UTF_8));
        }
      case 3:
        return framed(
            request(
                id,
                UNKNOWN_METHODS[random.nextInt(UNKNOWN_METHODS.length)],
                "{\"x\":" + random.nextInt() + "}"));
      case 4:
        return framed(
            notification(
                UNKNOWN_METHODS[random.nextInt(UNKNOWN_METHODS.length)],
                "[" + random.nextDouble() + "]"));
      case 5:
        {
          String[] wrongTypes = {
            "{\"textDocument\":{\"uri\":123},\"position\":\"abc\"}",
            "{\"textDocument\":null,\"position\":{\"line\":1}}",
            "{\"position\":{\"line\":1e40,\"character\":-1e40}}",
            "{\"textDocument\":{\"uri\":\""
                + URI
                + "\"},\"position\":{\"line\":\"two\",\"character\":[]}}",
            "[]",
            "\"params\"",
          };
          String method =
              random.nextBoolean() ? "textDocument/inlineCompletion" : "textDocument/completion";
          return framed(request(id, method, wrongTypes[random.nextInt(wrongTypes.length)]));
        }
      case 6:
        // Stale versions of the kept document: must be ignored.
        return framed(
            notification(
                "textDocument/didChange",
                "{\"textDocument\":{\"uri\":\""
                    + URI
                    + "\",\"version\":"
                    + (random.nextInt(3) - 1)
                    + "},"
                    + "\"contentChanges\":[{\"text\":\"STALE\"}]}"));
      case 7:
        // Broken didChange shapes against the kept document: must change nothing.
        return framed(
            notification(
                "textDocument/didChange",
                "{\"textDocument\":{\"uri\":\""
                    + URI
                    + "\",\"version\":\"x\"},\"contentChanges\":\"oops\"}"));
      case 8:
        {
          String fuzzUri = "file:///fuzz/" + random.nextInt(5) + ".py";
          switch (random.nextInt(3)) {
            case 0:
              return framed(
                  notification(
                      "textDocument/didOpen",
                      "{\"textDocument\":{\"uri\":\""
                          + fuzzUri
                          + "\",\"languageId\":\"python\",\"version\":"
                          + random.nextInt(5)
                          + ",\"text\":"
                          + quote(randomText(random))
                          + "}}"));
            case 1:
              return framed(
                  notification(
                      "textDocument/didChange",
                      "{\"textDocument\":{\"uri\":\""
                          + fuzzUri
                          + "\",\"version\":"
                          + (10 + index)
                          + "},\"contentChanges\":[{\"range\":"
                          + range(random)
                          + ",\"text\":"
                          + quote(randomText(random))
                          + "}]}"));
            default:
              return framed(
                  notification(
                      "textDocument/didClose", "{\"textDocument\":{\"uri\":\"" + fuzzUri + "\"}}"));
          }
        }
      case 9:
        // Huge and negative positions in unopened documents (most) and fuzz documents (few).
        return framed(
            request(
                id,
                random.nextBoolean() ? "textDocument/inlineCompletion" : "textDocument/completion",
                inlineParams(
                    random,
                    random.nextInt(20) == 0
                        ? "file:///fuzz/" + random.nextInt(5) + ".py"
                        : "file:///never/opened.py")));
      case 10:
        {
          // Headers a server must survive; the body then reads as a header line, ended here.
          String[] headers = {
            "Content-Length: abc\r\n", "Content-Length: -5\r\n", "Content-Length: 0\r\n",
                "Content-Type: text/plain\r\n",
            "X-Nonsense\r\n", "content-length 12\r\n", ": \r\n",
                "Content-Type: application/vscode-jsonrpc; charset=latin-99\r\n",
          };
          String body = notification("$/fuzz", "{}");
          return (headers[random.nextInt(headers.length)] + "\r\n" + body + "\r\n")
              .getBytes(StandardCharsets.UTF_8);
        }
      case 11:
        {
          // Content-Length too short: the rest of the body is garbage until the line ends.
          byte[] body =
              request(
                      id,
                      "textDocument/completion",
                      inlineParams(random, "file:///never/opened.py"))
                  .getBytes(StandardCharsets.UTF_8);
          int shortBy = 1 + random.nextInt(Math.min(20, body.length - 1));
          return concat(
              ("Content-Length: " + (body.length - shortBy) + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII),
              body,
              "\r\n".getBytes(StandardCharsets.US_ASCII));
        }
      case 12:
        {
          // Content-Length too long: padding completes it, so the next frame starts clean.
          byte[] body = notification("$/fuzz", "{}").getBytes(StandardCharsets.UTF_8);
          int longBy = 1 + random.nextInt(100);
          return concat(
              ("Content-Length: " + (body.length + longBy) + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII),
              body,
              " ".repeat(longBy).getBytes(StandardCharsets.US_ASCII),
              "\r\n".getBytes(StandardCharsets.US_ASCII));
        }
      default:
        // Cancelling what does not exist, and responses to requests never sent.
        return framed(
            random.nextBoolean()
                ? notification("$/cancelRequest", "{\"id\":" + random.nextInt() + "}")
                : "{\"jsonrpc\":\"2.0\",\"id\":"
                    + (1_000_000 + index)
                    + ",\"result\":{\"weird\":true}}");
    }
  }

  private static String request(String id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":"
        + quote(method)
        + ",\"params\":"
        + params
        + "}";
  }

  private static String notification(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":" + quote(method) + ",\"params\":" + params + "}";
  }

  private static String inlineParams(Random random, String uri) {
    return "{\"textDocument\":{\"uri\":\""
        + uri
        + "\"},\"position\":"
        + position(random)
        + ",\"context\":{\"triggerKind\":"
        + (1 + random.nextInt(2))
        + "}}";
  }

  private static String range(Random random) {
    return "{\"start\":" + position(random) + ",\"end\":" + position(random) + "}";
  }

  private static String position(Random random) {
    int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 5, 1 << 20};
    return "{\"line\":"
        + extremes[random.nextInt(extremes.length)]
        + ",\"character\":"
        + extremes[random.nextInt(extremes.length)]
        + "}";
  }

  private static String randomText(Random random) {
    String[] pieces = {"a", "\n", "\r\n", "\r", "😀", "é", "\t", "def ", "加", "\"", "\\"};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(30);
    for (int i = 0; i < length; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] framed(String body) {
    return framed(body.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] framed(byte[] body) {
    return concat(
        ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A JSON string literal. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
