package codestral.lsp.postprocess;

import java.util.List;

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
    return fed(lines).result();
  }

  /**
   * The most common increase of indentation between consecutive non-blank space-indented lines:
   * unlike a gcd it is not thrown off by one continuation line aligned at an odd column.
   */
  static int spaceStep(List<String> lines) {
    return fed(lines).spaceStep();
  }

  private static Detector fed(List<String> lines) {
    Detector detector = new Detector();
    for (String line : lines) {
      detector.line(line, 0, line.length());
    }
    return detector;
  }

  /**
   * Detection fed one line at a time, each a range of a text, so that the lines around the cursor
   * are read in place rather than split into strings.
   */
  static final class Detector {
    /** Votes for each step of 2 to 8 columns, the only ones taken for an indentation step. */
    private final int[] votes = new int[9];

    private int tabLines;
    private int spaceLines;
    private int previousIndent = -1;

    /** The next line, {@code text[start, end)}, without its line break. */
    void line(String text, int start, int end) {
      if (Lines.isBlank(text, start, end)) {
        return;
      }
      if (text.charAt(start) == '\t') {
        tabLines++;
        return;
      }
      if (end - start >= 2 && text.charAt(start) == ' ' && text.charAt(start + 1) == ' ') {
        spaceLines++;
      }
      int indent = Lines.indentColumns(text, start, end, DEFAULT_WIDTH);
      int step = indent - previousIndent;
      if (previousIndent >= 0 && step >= 2 && step <= 8) {
        votes[step]++;
      }
      previousIndent = indent;
    }

    Indentation result() {
      if (tabLines == 0 && spaceLines == 0) {
        return new Indentation(Style.UNKNOWN, DEFAULT_WIDTH);
      }
      if (tabLines > spaceLines) {
        return new Indentation(Style.TABS, DEFAULT_WIDTH);
      }
      return new Indentation(Style.SPACES, spaceStep());
    }

    /** The step with the most votes, the larger on a tie; {@value #DEFAULT_WIDTH} with none. */
    int spaceStep() {
      int best = -1;
      for (int step = 2; step <= 8; step++) {
        if (votes[step] > 0 && (best < 0 || votes[step] >= votes[best])) {
          best = step;
        }
      }
      return best < 0 ? DEFAULT_WIDTH : best;
    }
  }
}
