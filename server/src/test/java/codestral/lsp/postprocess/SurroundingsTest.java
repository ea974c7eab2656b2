package codestral.lsp.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurroundingsTest {
  @Test
  void theCursorLineAndItsNearestLinesWhateverTheLineBreaks() {
    for (String lineBreak : List.of("\n", "\r\n", "\r")) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        lines.add("    line " + i);
      }
      String prefix = String.join(lineBreak, lines.subList(0, 500)) + lineBreak + "    x = ";
      String suffix =
          "  # here" + lineBreak + String.join(lineBreak, lines.subList(500, 1_000)) + lineBreak;

      Surroundings around =
          Surroundings.of(new FimWindow(prefix, suffix, "python", prefix.length()));

      assertThat(around.linePrefix).isEqualTo("    x = ");
      assertThat(around.lineSuffix).isEqualTo("  # here");
      assertThat(around.previousNonBlankLine()).isEqualTo("    line 499");
      assertThat(around.nextNonBlankLines(Surroundings.NEXT_LINES_KEPT))
          .isEqualTo(lines.subList(500, 508));
      assertThat(around.nextNonBlankLines(3)).isEqualTo(lines.subList(500, 503));
      assertThat(around.lineBreak).isEqualTo(lineBreak.equals("\r\n") ? "\r\n" : "\n");
    }
  }

  @Test
  void theIndentationIsDetectedFromTheTwoHundredLinesOnEachSide() {
    // Tab-indented lines far from the cursor, outnumbering the space-indented ones near it.
    String far = "\tfar\n".repeat(300);
    String near = "  if x:\n    y\n".repeat(75);
    String prefix = far + near + "z = ";
    String suffix = "\n" + near + far;

    Surroundings around = Surroundings.of(new FimWindow(prefix, suffix, "python", prefix.length()));

    // 200 lines each side: 150 with spaces and 50 with tabs.
    assertThat(around.indentation).isEqualTo(new Indentation(Indentation.Style.SPACES, 2));
    assertThat(Indentation.detect(Lines.split(prefix + suffix)).style())
        .isEqualTo(Indentation.Style.TABS);
  }

  @Test
  void aShortWindowKeepsEveryLine() {
    Surroundings around = Surroundings.of(new FimWindow("a\nb\nc = ", "\nd\n", "python", 8));

    assertThat(around.previousNonBlankLine()).isEqualTo("b");
    assertThat(around.linePrefix).isEqualTo("c = ");
    assertThat(around.lineSuffix).isEmpty();
    assertThat(around.nextNonBlankLines(3)).containsExactly("d");
  }

  @Test
  void blankLinesAreSkippedAndTheWindowsEdgesAreNoLines() {
    Surroundings around =
        Surroundings.of(new FimWindow("a  \n\n \t\nc = ", "x\n\n  d  \n", "python", 12));

    assertThat(around.previousNonBlankLine()).isEqualTo("a  ");
    assertThat(around.lineSuffix).isEqualTo("x");
    assertThat(around.nextNonBlankLines(3)).containsExactly("  d");

    Surroundings bare = Surroundings.of(new FimWindow("c = ", "x", "python", 4));
    assertThat(bare.previousNonBlankLine()).isNull();
    assertThat(bare.nextNonBlankLines(3)).isEmpty();
    assertThat(bare.indentation.style()).isEqualTo(Indentation.Style.UNKNOWN);
  }

  @Test
  void linesAreCountedFromTheEndAndFromTheStart() {
    assertThat(Surroundings.lastLines("a\nb\nc", 1)).isEqualTo("c");
    assertThat(Surroundings.lastLines("a\nb\nc", 2)).isEqualTo("b\nc");
    assertThat(Surroundings.lastLines("a\nb\nc", 3)).isEqualTo("a\nb\nc");
    assertThat(Surroundings.lastLines("\nb", 1)).isEqualTo("b");
    assertThat(Surroundings.lastLines("\nb", 2)).isEqualTo("\nb");
    assertThat(Surroundings.firstLines("a\nb\nc", 1)).isEqualTo("a");
    assertThat(Surroundings.firstLines("a\nb\nc", 2)).isEqualTo("a\nb");
    assertThat(Surroundings.firstLines("a\nb\nc", 3)).isEqualTo("a\nb\nc");
  }
}
