package codestral.lsp.postprocess;

import java.util.ArrayList;
import java.util.List;

/** Fixes of text the model says twice: the line above re-typed, and loops of the same lines. */
final class RepetitionFixes {
  /** Blocks longer than this are not looked for: a longer loop is cut by the scope rule. */
  private static final int LONGEST_REPEATED_BLOCK = 4;

  private RepetitionFixes() {}

  /**
   * Codestral may start by re-typing the line above the cursor (a known quirk): at the start of a
   * line, leading copies of the nearest non-blank line above are dropped. Lines of only
   * punctuation ({@code }}, {@code end;}) repeat legitimately and are not compared.
   */
  static String dropRetypedPreviousLine(Surroundings around, String text) {
    if (!around.cursorAtIndentation()) {
      return text;
    }
    String previous = around.previousNonBlankLine();
    if (previous == null || !Lines.hasWordCharacter(previous)) {
      return text;
    }
    String target = previous.strip();
    List<String> lines = Lines.split(text);
    int dropped = 0;
    while (dropped < lines.size() && (around.linePrefix + lines.get(dropped)).strip().equals(target)) {
      dropped++;
    }
    if (dropped == 0) {
      return text;
    }
    String rest = Lines.join(lines.subList(dropped, lines.size()));
    // The next line repeats the indentation the cursor already stands on: do not insert it twice.
    return rest.startsWith(around.linePrefix) ? rest.substring(around.linePrefix.length()) : rest;
  }

  /**
   * A model that loops writes the same line or block again and again until it runs out of tokens.
   * The first copy is kept, the repeats are cut: a single line must occur three times in a row,
   * a block of two to four lines twice, and the repeated lines must hold a word (a run of
   * {@code }} lines closing nested blocks is not a loop). The first line is compared as it will
   * stand in the document, after the cursor line's start.
   */
  static String cutRunawayRepetition(Surroundings around, String text) {
    List<String> original = Lines.split(text);
    List<String> lines = new ArrayList<>(original);
    lines.set(0, around.linePrefix + lines.get(0));
    for (int start = 0; start < lines.size(); start++) {
      for (int size = 1; size <= LONGEST_REPEATED_BLOCK; size++) {
        int copies = size == 1 ? 3 : 2;
        if (start + copies * size > lines.size() || !blockHasWord(lines, start, size)) {
          continue;
        }
        boolean repeated = true;
        for (int copy = 1; copy < copies && repeated; copy++) {
          repeated = sameBlock(lines, start, start + copy * size, size);
        }
        if (repeated) {
          return Lines.join(original.subList(0, start + size));
        }
      }
    }
    return text;
  }

  private static boolean blockHasWord(List<String> lines, int start, int size) {
    for (int i = start; i < start + size; i++) {
      if (Lines.hasWordCharacter(lines.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameBlock(List<String> lines, int first, int second, int size) {
    for (int i = 0; i < size; i++) {
      if (!Lines.stripTrailing(lines.get(first + i)).equals(Lines.stripTrailing(lines.get(second + i)))) {
        return false;
      }
    }
    return true;
  }
}
