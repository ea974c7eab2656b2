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
   * line, leading copies of the nearest non-blank line above are dropped. Lines of only punctuation
   * ({@code }}, {@code end;}) repeat legitimately and are not compared.
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
    while (dropped < lines.size()
        && (around.linePrefix + lines.get(dropped)).strip().equals(target)) {
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
   * The first copy is kept, the repeats are cut: a single line must occur three times in a row, a
   * block of two to four lines twice, and the repeated lines must hold a word (a run of {@code }}
   * lines closing nested blocks is not a loop). The first line is compared as it will stand in the
   * document, after the cursor line's start.
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

  /** A run this long of lines that differ only in a number or one letter is a runaway. */
  private static final int NEAR_COPIES_IN_A_RUNAWAY = 5;

  /**
   * A model that loops may count while it repeats itself ({@code x1 = 0}, {@code x2 = 0}, … or
   * {@code xa}, {@code xb}, …): from {@value #NEAR_COPIES_IN_A_RUNAWAY} lines in a row that differ
   * only in their numbers or in one letter, the first is kept and the copies go.
   */
  static String cutNearIdenticalRun(Surroundings around, String text) {
    List<String> original = Lines.split(text);
    List<String> lines = new ArrayList<>(original);
    lines.set(0, around.linePrefix + lines.get(0));
    for (int start = 0; start < lines.size(); start++) {
      if (!Lines.hasWordCharacter(lines.get(start))) {
        continue;
      }
      int end = start + 1;
      while (end < lines.size() && nearlySame(lines.get(start), lines.get(end))) {
        end++;
      }
      if (end - start >= NEAR_COPIES_IN_A_RUNAWAY) {
        return Lines.join(original.subList(0, start + 1));
      }
    }
    return text;
  }

  /**
   * A line that says one fragment over and over ({@code a = a = a = a =}) is noise, and so is
   * everything the model wrote after it: the line and the rest go.
   */
  static String cutRepeatedFragmentLine(Surroundings around, String text) {
    List<String> lines = Lines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = i == 0 ? around.linePrefix + lines.get(0) : lines.get(i);
      if (repeatsOneFragment(line.strip()) || repeatsOneFragment(lines.get(i).strip())) {
        return Lines.join(lines.subList(0, i));
      }
    }
    return text;
  }

  private static boolean nearlySame(String a, String b) {
    if (a.equals(b)) {
      return false; // Exact copies are cutRunawayRepetition's.
    }
    if (a.replaceAll("[0-9]+", "#").equals(b.replaceAll("[0-9]+", "#"))) {
      return true;
    }
    if (a.length() != b.length()) {
      return false;
    }
    int differences = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        if (!Character.isLetter(a.charAt(i))
            || !Character.isLetter(b.charAt(i))
            || ++differences > 1) {
          return false;
        }
      }
    }
    return differences == 1;
  }

  /**
   * Whether the text is one fragment of two or more characters, a letter among them, said at least
   * three times.
   */
  private static boolean repeatsOneFragment(String code) {
    for (int period = 2; period * 3 <= code.length() + 1; period++) {
      boolean periodic = true;
      for (int i = period; i < code.length() && periodic; i++) {
        periodic = code.charAt(i) == code.charAt(i - period);
      }
      String fragment = code.substring(0, period);
      if (periodic
          && fragment.chars().anyMatch(Character::isLetter)
          && code.length() >= period * 3 - 1) {
        return true;
      }
    }
    return false;
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
      if (!Lines.stripTrailing(lines.get(first + i))
          .equals(Lines.stripTrailing(lines.get(second + i)))) {
        return false;
      }
    }
    return true;
  }
}
