package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.document.DocumentStore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowCutterTest {
  private static final TokenEstimator.Rate RATE = TokenEstimator.Rate.of(1.0);

  private static FimWindow cut(Cursor cursor, int budget) {
    return WindowCutter.cut(cursor.snapshot(), cursor.offset(), null, budget, 0.75, RATE);
  }

  /** The invariants every window keeps, whatever the text, cursor and budget. */
  private static void assertSound(Cursor cursor, FimWindow window, int budget) {
    assertThat(RATE.tokens(window.prefix() + window.suffix()))
        .isLessThanOrEqualTo(Math.max(0, budget));
    assertThat(cursor.before()).endsWith(window.prefix());
    assertThat(cursor.after()).startsWith(window.suffix());
    assertThat(window.cursorOffset()).isEqualTo(cursor.offset());
    // The cut keeps the cost its walks measured: it must be the cost of the text it kept.
    String kept = window.prefix() + window.suffix();
    assertThat(window.rawTokens())
        .isEqualTo(TokenEstimator.milliTokens(kept, 0, kept.length()) / 1000.0);
    if (!window.prefix().isEmpty()) {
      assertThat(Character.isLowSurrogate(window.prefix().charAt(0)))
          .as("prefix starts on a low surrogate")
          .isFalse();
      int start = cursor.before().length() - window.prefix().length();
      assertThat(
              start > 0
                  && cursor.text().charAt(start - 1) == '\r'
                  && window.prefix().charAt(0) == '\n')
          .as("prefix starts between CR and LF")
          .isFalse();
    }
    if (!window.suffix().isEmpty()) {
      char last = window.suffix().charAt(window.suffix().length() - 1);
      assertThat(Character.isHighSurrogate(last)).as("suffix ends on a high surrogate").isFalse();
      if (window.suffix().length() < cursor.after().length()) {
        assertThat(last == '\r' && cursor.after().charAt(window.suffix().length()) == '\n')
            .as("suffix ends between CR and LF")
            .isFalse();
      }
    }
  }

  @Test
  void aSmallFileFitsWholeAndExactlyAroundTheCursor() {
    Cursor cursor = Cursor.of("def add(a, b):\n    return a |+ b\n\nprint(add(1, 2))\n");
    FimWindow window = cut(cursor, 4096);
    assertThat(window.prefix()).isEqualTo("def add(a, b):\n    return a ");
    assertThat(window.suffix()).isEqualTo("+ b\n\nprint(add(1, 2))\n");
    assertThat(window.linePrefix()).isEqualTo("    return a ");
    assertThat(window.rawTokens()).isPositive();
  }

  @Test
  void cursorAtTheStartOfTheFileHasAnEmptyPrefixAndTheWholeBudgetForTheSuffix() {
    Cursor cursor = Cursor.of("|import os\nprint(os.name)\n");
    FimWindow window = cut(cursor, 4096);
    assertThat(window.prefix()).isEmpty();
    assertThat(window.suffix()).isEqualTo("import os\nprint(os.name)\n");
  }

  @Test
  void cursorAtTheEndOfTheFileHasAnEmptySuffix() {
    Cursor cursor = Cursor.of("import os\nprint(os.name)\n|");
    FimWindow window = cut(cursor, 4096);
    assertThat(window.prefix()).isEqualTo("import os\nprint(os.name)\n");
    assertThat(window.suffix()).isEmpty();
  }

  @Test
  void anEmptyFileGivesAnEmptyWindow() {
    FimWindow window = cut(Cursor.of("|"), 4096);
    assertThat(window.prefix()).isEmpty();
    assertThat(window.suffix()).isEmpty();
  }

  @Test
  void aLongFileIsCutAtLineStartsOnBothSides() {
    String line = "    total = total + values[index] * weight;\n";
    Cursor cursor = Cursor.of(line.repeat(500) + "    return |total;\n" + line.repeat(500));
    FimWindow window = cut(cursor, 300);
    assertSound(cursor, window, 300);
    assertThat(window.prefix()).startsWith("    total").endsWith("    return ");
    assertThat(window.suffix()).startsWith("total;\n").endsWith("\n");
    // Three quarters of the budget before the cursor, a quarter after, within a line either way.
    int prefixTokens = RATE.tokens(window.prefix());
    int suffixTokens = RATE.tokens(window.suffix());
    assertThat(prefixTokens).isBetween(200, 225);
    assertThat(suffixTokens).isBetween(55, 75);
  }

  @Test
  void budgetTheSuffixCannotUseGoesToThePrefix() {
    String line = "x = compute(x, 42)\n";
    Cursor cursor = Cursor.of(line.repeat(1000) + "|y = 1\n");
    FimWindow window = cut(cursor, 400);
    assertSound(cursor, window, 400);
    assertThat(window.suffix()).isEqualTo("y = 1\n");
    assertThat(RATE.tokens(window.prefix() + window.suffix())).isGreaterThan(380);
  }

  @Test
  void budgetThePrefixCannotUseGoesToTheSuffix() {
    String line = "x = compute(x, 42)\n";
    Cursor cursor = Cursor.of("y = |1\n" + line.repeat(1000));
    FimWindow window = cut(cursor, 400);
    assertSound(cursor, window, 400);
    assertThat(window.prefix()).isEqualTo("y = ");
    assertThat(RATE.tokens(window.prefix() + window.suffix())).isGreaterThan(380);
  }

  @Test
  void crlfLinesAreCutAfterTheWholeBreak() {
    String line = "let value = items.map(item => item.size);\r\n";
    Cursor cursor = Cursor.of(line.repeat(200) + "let |x;\r\n" + line.repeat(200));
    for (int budget = 0; budget < 200; budget += 7) {
      FimWindow window = cut(cursor, budget);
      assertSound(cursor, window, budget);
      if (window.prefix().length() > 10) {
        assertThat(window.prefix()).startsWith("let ");
      }
    }
  }

  @Test
  void aCutNextToSurrogatePairsNeverSplitsOne() {
    Cursor cursor = Cursor.of("😀😀😀😀😀😀😀😀😀😀|😀😀😀😀😀😀😀😀😀😀");
    for (int budget = 0; budget < 60; budget++) {
      assertSound(cursor, cut(cursor, budget), budget);
    }
    FimWindow window = cut(cursor, 8);
    assertThat(window.prefix()).isNotEmpty().matches("(😀)+");
  }

  @Test
  void aThreeMegabyteSingleLineIsCutMidLineAndStaysWithinBudget() {
    StringBuilder minified = new StringBuilder(3_000_000);
    while (minified.length() < 3_000_000) {
      minified.append("function a(b){return b.c+d(e,'é😀')};var x=[1,2,3];");
    }
    String text = minified.toString();
    int middle = text.length() / 2;
    if (Character.isLowSurrogate(text.charAt(middle))) {
      middle++;
    }
    Cursor cursor = Cursor.of(text.substring(0, middle) + "|" + text.substring(middle));
    FimWindow window = cut(cursor, 4096);
    assertSound(cursor, window, 4096);
    assertThat(window.prefix().length()).isBetween(1_000, 40_000);
    assertThat(window.suffix().length()).isBetween(300, 20_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {-5, 0, 1, 2, 3, 5, 16, 64, 100, 512, 1000, 4096, 32_000, 1_000_000})
  void budgetsFromTinyToHugeAreNeverExceededAndKeepTheTextNextToTheCursor(int budget) {
    String code =
        IntStream.range(0, 300)
            .mapToObj(
                i -> "    public int method" + i + "(int x) { return x * " + i + "; } // ünï\n")
            .collect(Collectors.joining());
    Cursor cursor =
        Cursor.of(code.substring(0, code.length() / 2) + "|" + code.substring(code.length() / 2));
    FimWindow window = cut(cursor, budget);
    assertSound(cursor, window, budget);
    if (budget >= 1_000_000) {
      assertThat(window.prefix() + window.suffix()).isEqualTo(code);
    }
  }

  @Test
  void theSelectedMenuItemReplacesWhatIsTypedAtTheEndOfThePrefix() {
    Cursor cursor = Cursor.of("System.out.pri| \nnext();\n");
    int start = cursor.text().indexOf("pri");
    FimWindow window =
        WindowCutter.cut(
            cursor.snapshot(),
            cursor.offset(),
            new SelectedText(start, cursor.offset(), "println"),
            4096,
            0.75,
            RATE);
    assertThat(window.prefix()).isEqualTo("System.out.println");
    assertThat(window.suffix()).isEqualTo(" \nnext();\n");
    assertThat(window.linePrefix()).isEqualTo("System.out.println");
  }

  @Property(tries = 300)
  void anyTextCursorAndBudgetGiveASoundWindow(
      @ForAll("markedTexts") String marked, @ForAll @IntRange(min = 0, max = 300) int budget) {
    Cursor cursor = Cursor.open(new DocumentStore(), "file:///p/a.txt", "plaintext", marked);
    assertSound(cursor, cut(cursor, budget), budget);
  }

  @Provide
  Arbitrary<String> markedTexts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
                "a", "bc", " ", "    ", "\n", "\r\n", "\r", "😀", "é", "加", "{", "42", "\t",
                "x = 1;")
            .list()
            .ofMaxSize(200)
            .map(list -> String.join("", list));
    return Combinators.combine(pieces, pieces).as((before, after) -> before + "|" + after);
  }
}
