package codestral.lsp.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurroundingsTest {
  @Test
  void aLongWindowKeepsTheTwoHundredLinesOnEachSideWhateverItsLineBreaks() {
    for (String lineBreak : List.of("\n", "\r\n", "\r")) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        lines.add("    line " + i);
      }
      String prefix = String.join(lineBreak, lines.subList(0, 500)) + lineBreak + "    x = ";
      String suffix = "  # here" + lineBreak + String.join(lineBreak, lines.subList(500, 1_000)) + lineBreak;

      Surroundings around = Surroundings.of(new FimWindow(prefix, suffix, "python", prefix.length()));

      assertThat(around.linePrefix).isEqualTo("    x = ");
      assertThat(around.lineSuffix).isEqualTo("  # here");
      assertThat(around.linesBefore).isEqualTo(lines.subList(300, 500));
      assertThat(around.linesAfter).isEqualTo(lines.subList(500, 700));
    }
  }

  @Test
  void aShortWindowKeepsEveryLine() {
    Surroundings around = Surroundings.of(new FimWindow("a\nb\nc = ", "\nd\n", "python", 8));

    assertThat(around.linesBefore).containsExactly("a", "b");
    assertThat(around.linePrefix).isEqualTo("c = ");
    assertThat(around.lineSuffix).isEmpty();
    assertThat(around.linesAfter).containsExactly("d", "");
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
