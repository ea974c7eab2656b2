package codestral.lsp.completion;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.prompt.FimWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopRuleTest {

  /** A rule for the text around the `|` cursor marker. */
  private static StopRule at(String marked) {
    int cursor = marked.indexOf('|');
    return StopRule.forWindow(
        new FimWindow(marked.substring(0, cursor), marked.substring(cursor + 1), "python", cursor));
  }

  @Test
  void aCursorWithTextAfterItOnTheLineTakesOneLine() {
    StopRule rule = at("print(|)\n");
    assertThat(rule.mode()).isEqualTo(StopRule.Mode.LINE);
    assertThat(rule.isDecided("a, b")).isFalse();
    assertThat(rule.isDecided("a, b\nmore")).isTrue();
    assertThat(rule.cut("a, b\nmore")).isEqualTo("a, b");
    assertThat(rule.stops(List.of("\n\n"))).containsExactly("\n\n", "\n");
    assertThat(rule.maxTokens(128)).isEqualTo(StopRule.LINE_MAX_TOKENS);
  }

  @Test
  void aCursorAtTheEndOfItsLineMayTakeABlockUntilTheIndentationDropsBelowIt() {
    StopRule rule = at("def f(a, b):\n    result = mul|\n");
    assertThat(rule.mode()).isEqualTo(StopRule.Mode.BLOCK);
    assertThat(rule.stops(List.of())).isEmpty();
    assertThat(rule.maxTokens(128)).isEqualTo(128);
    assertThat(rule.isDecided("t(a, b)\n    return result\n")).isFalse();
    String text = "t(a, b)\n    return result\n\ndef g():\n";
    assertThat(rule.isDecided(text)).isTrue();
    assertThat(rule.cut(text)).isEqualTo("t(a, b)\n    return result");
  }

  @Test
  void aLineOfOnlyIndentationIsNotEnoughToDecide() {
    StopRule rule = at("    x = |");
    assertThat(rule.isDecided("1\n  ")).isFalse();
    assertThat(rule.isDecided("1\n  y")).isTrue();
    assertThat(rule.cut("1\n  y")).isEqualTo("1");
  }

  @Test
  void aLineThatOpensABlockEndsItAtTheFirstLineBackAtItsIndentation() {
    StopRule rule = at("def f():|");
    String text = "\n    return 1\ndef g():\n";
    assertThat(rule.isDecided("\n    return 1\n")).isFalse();
    assertThat(rule.cut(text)).isEqualTo("\n    return 1");
  }

  @Test
  void aClosingBracketAtTheOpenersIndentationBelongsToTheBlock() {
    StopRule rule = at("  if (x) {|");
    assertThat(rule.isDecided("\n    y();\n  }")).isFalse();
    String text = "\n    y();\n  }\n  z();\n";
    assertThat(rule.cut(text)).isEqualTo("\n    y();\n  }");
  }

  @Test
  void anEmptyIndentedLineTakesTheBlockAtItsIndentation() {
    StopRule rule = at("def f():\n    |\n");
    assertThat(rule.mode()).isEqualTo(StopRule.Mode.BLOCK);
    assertThat(rule.cut("x = 1\n    return x\n\nprint(f())\n")).isEqualTo("x = 1\n    return x");
  }
}
