package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 10 MB document, 2,000 one-character edits at random lines, then an inline completion: the text
 * the fake receives must be exactly the editor's text around the cursor. Any drift of the server's
 * document (a lost edit, a miscounted line, a split surrogate pair or CRLF) shows up here.
 *
 * <p>The expectation is stated in terms of the window, not its size: the prompt is a non-trivial
 * tail of the text before the cursor and the suffix a non-trivial head of the text after it, so a
 * later change of the window's budget keeps this test valid.
 */
class LargeDocumentProtocolTest {
  private static final String URI = "file:///work/project/generated.py";
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final int EDITS = 2_000;

  /** What one edit inserts: ASCII, two-byte, CJK and astral (two UTF-16 units) characters. */
  private static final String[] INSERTS = {"x", "=", " ", "é", "加", "😀"};

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void promptAndSuffixMatchTheNaiveTextAfterThousandsOfEditsToATenMegabyteDocument()
      throws Exception {
    Random random = new Random(20261123);
    Lines naive = Lines.generate(TEN_MB, random);
    fake.setDefaultCompletion("pass");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", naive.text());

      int lastLine = 0;
      int lastCharacter = 0;
      for (int i = 0; i < EDITS; i++) {
        int line = random.nextInt(naive.size());
        String content = naive.content(line);
        int at = naive.cut(line, random.nextInt(content.length() + 1));
        if (content.isEmpty() || random.nextInt(3) > 0) {
          String inserted = INSERTS[random.nextInt(INSERTS.length)];
          lsp.change(URI, edit(line, at, line, at, inserted));
          naive.set(line, content.substring(0, at) + inserted + content.substring(at));
          lastCharacter = at + inserted.length();
        } else {
          // Delete one whole character (both units of a surrogate pair).
          int start = at == content.length() ? naive.cut(line, at - 1) : at;
          int end = start + Character.charCount(content.codePointAt(start));
          lsp.change(URI, edit(line, start, line, end, ""));
          naive.set(line, content.substring(0, start) + content.substring(end));
          lastCharacter = start;
        }
        lastLine = line;
      }

      // The cursor where the last edit left it, so the window holds at least one edit.
      lsp.inline(URI, lastLine, lastCharacter);
      FakeCodestral.Received request = fake.takeRequest();

      String text = naive.text();
      int cursor = naive.offset(lastLine, lastCharacter);
      String before = text.substring(0, cursor);
      String after = text.substring(cursor);
      assertThat(request.prompt().length()).as("prompt length").isGreaterThan(1_000);
      assertThat(request.suffix().length()).as("suffix length").isGreaterThan(500);
      assertThat(before).endsWith(request.prompt());
      assertThat(after).startsWith(request.suffix());
      assertThat(request.prompt()).endsWith(naive.content(lastLine).substring(0, lastCharacter));
      assertThat(lsp.isAlive()).isTrue();
    }
  }

  /** The naive model: the document as lines, each with its own break, edited in place. */
  private static final class Lines {
    private final List<String> contents = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();

    static Lines generate(int chars, Random random) {
      String[] samples = {
        "def handle(self, request):",
        "    value = self.cache.get(request.key)  # 缓存 first",
        "    return value or self.backend.fetch(request)",
        "",
        "message = \"done 😀 — naïve café\"",
        "    for index, item in enumerate(items):",
      };
      Lines lines = new Lines();
      int size = 0;
      while (size < chars) {
        String content = samples[random.nextInt(samples.length)];
        // Mostly LF, some CRLF, as in a file that passed through two editors.
        String lineBreak = random.nextInt(10) == 0 ? "\r\n" : "\n";
        lines.contents.add(content);
        lines.breaks.add(lineBreak);
        size += content.length() + lineBreak.length();
      }
      lines.breaks.set(lines.breaks.size() - 1, "");
      return lines;
    }

    int size() {
      return contents.size();
    }

    String content(int line) {
      return contents.get(line);
    }

    void set(int line, String content) {
      contents.set(line, content);
    }

    /** The UTF-16 character moved off the middle of a surrogate pair, as an editor would. */
    int cut(int line, int character) {
      String content = contents.get(line);
      if (character > 0
          && character < content.length()
          && Character.isLowSurrogate(content.charAt(character))
          && Character.isHighSurrogate(content.charAt(character - 1))) {
        return character - 1;
      }
      return character;
    }

    int offset(int line, int character) {
      int offset = 0;
      for (int i = 0; i < line; i++) {
        offset += contents.get(i).length() + breaks.get(i).length();
      }
      return offset + character;
    }

    String text() {
      StringBuilder text = new StringBuilder(TEN_MB + 100_000);
      for (int i = 0; i < contents.size(); i++) {
        text.append(contents.get(i)).append(breaks.get(i));
      }
      return text.toString();
    }
  }
}
