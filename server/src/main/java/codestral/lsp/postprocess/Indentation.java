package codestral.lsp.postprocess;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a file indents: with tabs, or with spaces in steps of {@code width} columns. Detected from
 * the window's lines by majority, so a stray line of the other kind does not flip it.
 *
 * @param style tabs, spaces, or unknown when no line of the window is indented
 * @param width the step of a space indent (2, 4, 8 …); 4 when the file gives no clue
 */
record Indentation(Style style, int width) {
  static final int DEFAULT_WIDTH = 4;

  enum Style {
    TABS,
    SPACES,
    UNKNOWN
  }

  static Indentation detect(List<String> lines) {
    int tabLines = 0;
    int spaceLines = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (line.charAt(0) == '\t') {
        tabLines++;
      } else if (line.startsWith("  ")) {
        spaceLines++;
      }
    }
    if (tabLines == 0 && spaceLines == 0) {
      return new Indentation(Style.UNKNOWN, DEFAULT_WIDTH);
    }
    if (tabLines > spaceLines) {
      return new Indentation(Style.TABS, DEFAULT_WIDTH);
    }
    return new Indentation(Style.SPACES, spaceStep(lines));
  }

  /**
   * The most common increase of indentation between consecutive non-blank space-indented lines:
   * unlike a gcd it is not thrown off by one continuation line aligned at an odd column.
   */
  static int spaceStep(List<String> lines) {
    Map<Integer, Integer> votes = new HashMap<>();
    int previous = -1;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("\t")) {
        continue;
      }
      int indent = Lines.indentColumns(line, DEFAULT_WIDTH);
      if (previous >= 0 && indent > previous) {
        votes.merge(indent - previous, 1, Integer::sum);
      }
      previous = indent;
    }
    return votes.entrySet().stream()
        .filter(entry -> entry.getKey() >= 2 && entry.getKey() <= 8)
        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(DEFAULT_WIDTH);
  }
}
