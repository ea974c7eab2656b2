package codestral.lsp.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.prompt.FimWindow;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Each fix on its own, from plain strings with a {@code |} cursor. The golden corpus covers the
 * chain end to end; these pin down the edges of each rule.
 */
class PostProcessorTest {

  private static Surroundings around(String marked) {
    return around(marked, "python");
  }

  private static Surroundings around(String marked, String languageId) {
    return Surroundings.of(window(marked, languageId));
  }

  private static FimWindow window(String marked, String languageId) {
    int cursor = marked.indexOf('|');
    return new FimWindow(
        marked.substring(0, cursor), marked.substring(cursor + 1), languageId, cursor);
  }

  @Test
  void trailingSpacesAndBlankLinesAreStrippedButLeadingLineBreaksKept() {
    assertThat(WhitespaceFixes.stripTrailingWhitespace("\n    return x  \n\n  \n"))
        .isEqualTo("\n    return x");
  }

  @Test
  void theDoubledSpaceIsDroppedOnlyAfterCode() {
    assertThat(WhitespaceFixes.dropLeadingSpaceAfterSpace(around("x = |"), " 42")).isEqualTo("42");
    assertThat(WhitespaceFixes.dropLeadingSpaceAfterSpace(around("    |"), "  y")).isEqualTo("  y");
    assertThat(WhitespaceFixes.dropLeadingSpaceAfterSpace(around("x =|"), " 42")).isEqualTo(" 42");
  }

  @Test
  void indentationIsLeftAloneWhenTheFileGivesNoClue() {
    assertThat(WhitespaceFixes.matchFileIndentation(around("x = 1\n|"), "if x:\n\treturn 1"))
        .isEqualTo("if x:\n\treturn 1");
  }

  @Test
  void twoSpaceStepsOfTheModelBecomeOneTabEach() {
    Surroundings tabs = around("a:\n\tb\n|");
    assertThat(WhitespaceFixes.matchFileIndentation(tabs, "if x:\n  y\n    z"))
        .isEqualTo("if x:\n\ty\n\t\tz");
  }

  @Test
  void theSpaceStepIsTheMostCommonIncreaseNotTheGcd() {
    List<String> lines = List.of("a", "  b", "    c", "       aligned", "  d");
    assertThat(Indentation.spaceStep(lines)).isEqualTo(2);
    assertThat(Indentation.detect(List.of("x", "y")).style()).isEqualTo(Indentation.Style.UNKNOWN);
  }

  @Test
  void severalCopiesOfTheLineAboveAreAllDropped() {
    assertThat(RepetitionFixes.dropRetypedPreviousLine(around("x = 1\n|"), "x = 1\nx = 1\ny = 2"))
        .isEqualTo("y = 2");
  }

  @Test
  void aPunctuationOnlyLineAboveIsNotTreatedAsRetyped() {
    assertThat(RepetitionFixes.dropRetypedPreviousLine(around("  }\n|", "c"), "}\nint x;"))
        .isEqualTo("}\nint x;");
  }

  @Test
  void twoEqualLinesInARowAreNotALoop() {
    assertThat(RepetitionFixes.cutRunawayRepetition(around("|"), "print()\nprint()\nend"))
        .isEqualTo("print()\nprint()\nend");
  }

  @Test
  void closingBracesOnConsecutiveLinesAreNotALoop() {
    String text = "}\n}\n}\n}";
    assertThat(RepetitionFixes.cutRunawayRepetition(around("|", "c"), text)).isEqualTo(text);
  }

  @Test
  void midLineKeepsOnlyTheFirstLine() {
    assertThat(ScopeFixes.cutWhereTheSuggestionEnds(around("f(|, 2)"), "a\nb")).isEqualTo("a");
  }

  @Test
  void aClosersOnlyTailIsNotMidLineSoABlockMayFollowAnOpener() {
    assertThat(ScopeFixes.cutWhereTheSuggestionEnds(around("foo(|)", "c"), "\n  a,\n  b\n)"))
        .isEqualTo("\n  a,\n  b\n)");
  }

  @Test
  void theEndOfAStatementGetsTheNextLineWithTextWhenTheModelStartsWithABreak() {
    assertThat(ScopeFixes.cutWhereTheSuggestionEnds(around("x = 1|"), "\n\ny = 2\nz = 3"))
        .isEqualTo("\n\ny = 2");
  }

  @Test
  void aBracketLeftOpenAllowsTheArgumentsBelow() {
    assertThat(ScopeFixes.opensBlock("x = foo(a,", "python")).isTrue();
    assertThat(ScopeFixes.opensBlock("x = foo(a)", "python")).isFalse();
    assertThat(ScopeFixes.opensBlock("s = \"(\"", "python")).isFalse();
  }

  @Test
  void scopeEndsAtTheFirstLineBackAtTheOpenersIndentation() {
    Surroundings inside = around("def f():\n    |");
    assertThat(
            ScopeFixes.cutWhereTheSuggestionEnds(
                inside, "a = 1\n    if a:\n        b()\n    return a\nprint(f())"))
        .isEqualTo("a = 1\n    if a:\n        b()\n    return a");
  }

  @Test
  void aClosingLineThatEndsTheScopeIsKept() {
    Surroundings inside = around("x = [\n    |", "python");
    assertThat(ScopeFixes.cutWhereTheSuggestionEnds(inside, "1,\n    2,\n]\ny = x"))
        .isEqualTo("1,\n    2,\n]");
  }

  @Test
  void aSuffixLineMatchesOnlyWithItsIndentation() {
    Surroundings inside = around("int f() {\n  for (;;) {\n    |\n  }\n}", "c");
    assertThat(SuffixFixes.dropLinesRepeatingSuffix(inside, "if (x) {\n      y();\n    }"))
        .isEqualTo("if (x) {\n      y();\n    }");
    assertThat(SuffixFixes.dropLinesRepeatingSuffix(inside, "y();\n  }\n}")).isEqualTo("y();");
  }

  @Test
  void aClosersTailIsDroppedMidLineOnlyWhenThatRestoresBalance() {
    Surroundings call = around("print(foo(|), 1)", "javascript");
    assertThat(SuffixFixes.dropOverlapWithLineSuffix(call, "x)")).isEqualTo("x");
    assertThat(SuffixFixes.dropOverlapWithLineSuffix(call, "bar(x)")).isEqualTo("bar(x)");
  }

  @Test
  void oneLetterOfOverlapIsChanceAndKept() {
    assertThat(SuffixFixes.dropOverlapWithLineSuffix(around("y = |a"), "b + a")).isEqualTo("b + a");
  }

  @Test
  void aClosingTailTheModelRepeatedIsReplacedThroughTheRange() {
    assertThat(SuffixFixes.mergeClosingTail(around("foo(|);", "c"), "x);"))
        .isEqualTo(new Suggestion("x);", 2));
  }

  @Test
  void aClosingTailPartlyRepeatedIsReplacedWithTheClosersStillNeeded() {
    assertThat(SuffixFixes.mergeClosingTail(around("foo(bar(|))", "c"), "x)"))
        .isEqualTo(new Suggestion("x))", 2));
    assertThat(SuffixFixes.mergeClosingTail(around("foo(|);", "c"), "x)"))
        .isEqualTo(new Suggestion("x);", 2));
  }

  @Test
  void aClosingTailTheModelDidNotWriteIsLeftInPlace() {
    assertThat(SuffixFixes.mergeClosingTail(around("foo(|)", "c"), "x"))
        .isEqualTo(new Suggestion("x", 0));
  }

  @Test
  void asYouTypeGivesOneSuggestionAndInvokedAddsTheFirstLine() {
    FimWindow window = window("def f():\n    |", "python");
    PostProcessor processor = new PostProcessor();
    assertThat(processor.process(window, "a = 1\n    return a", false))
        .containsExactly(new Suggestion("a = 1\n    return a", 0));
    assertThat(processor.process(window, "a = 1\n    return a", true))
        .containsExactly(new Suggestion("a = 1\n    return a", 0), new Suggestion("a = 1", 0));
    assertThat(processor.process(window, "return 1", true))
        .containsExactly(new Suggestion("return 1", 0));
  }

  @Test
  void nothingIsSuggestedForNoTextOrOnlyWhitespace() {
    FimWindow window = window("x = |", "python");
    assertThat(new PostProcessor().process(window, null, true)).isEmpty();
    assertThat(new PostProcessor().process(window, "", true)).isEmpty();
    assertThat(new PostProcessor().process(window, " \n\t\r\n", true)).isEmpty();
  }

  @Test
  void lineBreaksFollowTheFile() {
    FimWindow crlf = window("def f():\r\n    |\r\n", "python");
    assertThat(new PostProcessor().process(crlf, "a = 1\n    return a"))
        .contains(new Suggestion("a = 1\r\n    return a", 0));
  }

  /**
   * Whatever the model says, a suggestion is never blank, never ends in whitespace, never reaches
   * past the line.
   */
  @Property(tries = 300)
  void anySuggestionIsNonBlankTrimmedAndStaysOnTheCursorLine(
      @ForAll("code") String prefix, @ForAll("code") String suffix, @ForAll("code") String raw) {
    FimWindow window = new FimWindow(prefix, suffix, "c", prefix.length());
    for (Suggestion suggestion : new PostProcessor().process(window, raw, true)) {
      assertThat(suggestion.text()).isNotBlank();
      assertThat(suggestion.replacedSuffixLength()).isBetween(0, window.lineSuffix().length());
      if (!window.lineSuffix().isBlank() && !Closers.onlyClosers(window.lineSuffix())) {
        assertThat(suggestion.text()).doesNotContain("\n");
      } else {
        assertThat(suggestion.text()).doesNotEndWith(" ").doesNotEndWith("\t").doesNotEndWith("\n");
      }
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> code() {
    return net.jqwik.api.Arbitraries.strings().withChars("ab (){}[]\"';,:\n\t=").ofMaxLength(40);
  }
}
