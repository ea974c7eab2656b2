package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The suggestion is right in the situations every user meets in the first minutes, through the
 * server in-process, over JSON-RPC, with the answer streamed as the API streams it: the test
 * accepts the inline item as an editor does and asserts the document. {@code |} marks the cursor.
 */
class SuggestionFitProtocolTest {
  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  /**
   * The document after accepting the first inline item for {@code marked}, the model streaming
   * {@code answer}.
   */
  private String accepted(String languageId, String marked, String answer, String finishReason)
      throws Exception {
    fake.enqueue(
        body ->
            body.path("stream").asBoolean()
                ? fake.streamed(answer, 0, finishReason)
                : fake.completion(answer));
    int cursor = marked.indexOf('|');
    String text = marked.substring(0, cursor) + marked.substring(cursor + 1);
    Position at = position(text, cursor);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      String uri = "file:///work/project/fit." + extension(languageId);
      lsp.open(uri, languageId, text);
      InlineCompletionList list =
          lsp.inline(uri, at.getLine(), at.getCharacter(), InlineCompletionTriggerKind.Automatic);
      if (list.getItems().isEmpty()) {
        return null;
      }
      return apply(text, list.getItems().get(0));
    }
  }

  private String accepted(String languageId, String marked, String answer) throws Exception {
    return accepted(languageId, marked, answer, "stop");
  }

  @Test
  void aBodyTypedBetweenBracesTheEditorAutoClosedGoesOnItsOwnLines() throws Exception {
    assertThat(
            accepted(
                "javascript",
                "function total(items) {|}\n",
                "\n  return items.reduce((s, x) => s + x, 0);\n"))
        .isEqualTo("function total(items) {\n  return items.reduce((s, x) => s + x, 0);\n}\n");
    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.body().path("stop").toString()).doesNotContain("\\n");
    assertThat(request.body().path("max_tokens").asInt()).isGreaterThan(64);
  }

  @Test
  void aMethodBodyKeepsAllItsStatementsAndStopsBeforeTheNextMethod() throws Exception {
    String file =
        "class Account:\n    def withdraw(self, amount):\n        |\n\n    def deposit(self, amount):\n        self.balance += amount\n";
    String answer =
        "if amount > self.balance:\n            raise ValueError(\"insufficient funds\")\n"
            + "        self.balance -= amount\n        return self.balance\n\n    def deposit(self, amount):\n        pass\n";
    assertThat(accepted("python", file, answer))
        .isEqualTo(
            "class Account:\n    def withdraw(self, amount):\n        if amount > self.balance:\n"
                + "            raise ValueError(\"insufficient funds\")\n        self.balance -= amount\n"
                + "        return self.balance\n\n    def deposit(self, amount):\n        self.balance += amount\n");
  }

  @Test
  void aMarkdownFenceAroundTheAnswerIsRemoved() throws Exception {
    assertThat(accepted("python", "def double(x):\n    |\n", "```python\nreturn x * 2\n```"))
        .isEqualTo("def double(x):\n    return x * 2\n");
  }

  @Test
  void aClosingBraceTheFileStillNeedsIsKept() throws Exception {
    assertThat(accepted("go", "func area(r Rect) int {\n\treturn r.w * r.h|", "\n}"))
        .isEqualTo("func area(r Rect) int {\n\treturn r.w * r.h\n}");
  }

  @Test
  void aKeywordCloserTheFileStillNeedsIsKept() throws Exception {
    assertThat(accepted("ruby", "def area(w, h)\n  w * h|", "\nend"))
        .isEqualTo("def area(w, h)\n  w * h\nend");
  }

  @Test
  void anInnerBlockKeepsItsOwnClosingBrace() throws Exception {
    assertThat(
            accepted(
                "javascript",
                "function check(x) {\n  if (x > 0) {\n    |\n}\n",
                "return true;\n  }\n}\n"))
        .isEqualTo("function check(x) {\n  if (x > 0) {\n    return true;\n  }\n}\n");
  }

  @Test
  void anObjectMethodKeepsItsClosingBraceAndComma() throws Exception {
    assertThat(
            accepted(
                "javascript", "const handlers = {\n  start() {\n    |\n};\n", "go();\n  },\n};\n"))
        .isEqualTo("const handlers = {\n  start() {\n    go();\n  },\n};\n");
  }

  @Test
  void aSpaceSeparatingTheSuggestionFromTheCodeAfterItIsKept() throws Exception {
    assertThat(accepted("python", "total = sum(|values)\n", "prices, "))
        .isEqualTo("total = sum(prices, values)\n");
  }

  @Test
  void indentationTheCursorAlreadyStandsOnIsNotDoubled() throws Exception {
    assertThat(accepted("python", "def square(x):\n    |\n", "    return x * x"))
        .isEqualTo("def square(x):\n    return x * x\n");
  }

  @Test
  void aRunawayOfLinesThatDifferOnlyInACounterIsCut() throws Exception {
    StringBuilder runaway = new StringBuilder("x1 = 0");
    for (int i = 2; i <= 10; i++) {
      runaway.append("\n    x").append(i).append(" = 0");
    }
    assertThat(accepted("python", "def reset():\n    |\n", runaway.toString()))
        .isEqualTo("def reset():\n    x1 = 0\n");
  }

  @Test
  void aLineOfOneRepeatedFragmentIsDropped() throws Exception {
    assertThat(accepted("javascript", "let a = |\n", "a = a = a = a = a =")).isNull();
  }

  @Test
  void theUnfinishedLastLineOfAnAnswerCutByTheTokenLimitIsDropped() throws Exception {
    assertThat(
            accepted(
                "python",
                "def load(path):\n    |\n",
                "with open(path) as f:\n        data = f.read()\n    return json.loads(da",
                "length"))
        .isEqualTo("def load(path):\n    with open(path) as f:\n        data = f.read()\n");
  }

  private static String apply(String text, InlineCompletionItem item) {
    int start = offset(text, item.getRange().getStart());
    int end = offset(text, item.getRange().getEnd());
    return text.substring(0, start) + item.getInsertText().getLeft() + text.substring(end);
  }

  private static Position position(String text, int offset) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart);
  }

  private static int offset(String text, Position position) {
    int offset = 0;
    for (int line = 0; line < position.getLine(); line++) {
      offset = text.indexOf('\n', offset) + 1;
    }
    return offset + position.getCharacter();
  }

  private static String extension(String languageId) {
    return List.of("javascript", "python", "go", "ruby").contains(languageId)
        ? switch (languageId) {
          case "javascript" -> "js";
          case "python" -> "py";
          case "go" -> "go";
          default -> "rb";
        }
        : "txt";
  }
}
