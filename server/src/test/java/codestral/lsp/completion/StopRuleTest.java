package codestral.lsp.completion;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.prompt.FimWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopRuleTest {
  private final PostProcessor postProcessor = new PostProcessor();

  /** A rule for the text around the `|` cursor marker. */
  private StopRule at(String marked, String languageId) {
    int cursor = marked.indexOf('|');
    FimWindow window =
        new FimWindow(
            marked.substring(0, cursor), marked.substring(cursor + 1), languageId, cursor);
    return new StopRule(postProcessor, postProcessor.prepare(window));
  }

  private StopRule at(String marked) {
    return at(marked, "python");
  }

  @Test
  void aCursorWithCodeAfterItOnTheLineTakesOneLine() {
    StopRule rule = at("print(|x)\n");
    assertThat(rule.isDecided("a, ")).isFalse();
    assertThat(rule.isDecided("a, \nmore")).isTrue();
    assertThat(rule.stops(List.of("\n\n"))).containsExactly("\n\n", "\n");
    assertThat(rule.maxTokens(128)).isEqualTo(StopRule.LINE_MAX_TOKENS);
  }

  @Test
  void closersTheEditorTypedAfterTheCursorAreABlockPosition() {
    StopRule rule = at("function total(items) {|}\n", "javascript");
    assertThat(rule.stops(List.of())).isEmpty();
    assertThat(rule.maxTokens(128)).isEqualTo(128);
    assertThat(rule.isDecided("\n  return items.reduce((s, x) => s + x, 0);\n")).isFalse();
    assertThat(rule.isDecided("\n  return items.reduce((s, x) => s + x, 0);\n}\n")).isTrue();
  }

  @Test
  void theEndOfAStatementIsDecidedByItsFirstCompleteLine() {
    StopRule rule = at("def f(a, b):\n    result = mul|\n");
    assertThat(rule.stops(List.of())).isEmpty();
    assertThat(rule.isDecided("t(a, b)")).isFalse();
    assertThat(rule.isDecided("t(a, b)\n")).isTrue();
  }

  @Test
  void aBodyOfSeveralStatementsGoesOnUntilItsScopeEnds() {
    StopRule rule = at("class Account:\n    def withdraw(self, amount):\n        |\n");
    String body =
        "if amount > self.balance:\n            raise ValueError(\"insufficient\")\n"
            + "        self.balance -= amount\n        return self.balance\n\n";
    assertThat(rule.isDecided(body)).isFalse();
    assertThat(rule.isDecided(body + "    def deposit(self, amount):\n")).isTrue();
  }

  @Test
  void aLineOfOnlyIndentationIsNotEnoughToDecide() {
    StopRule rule = at("def f():\n    |");
    assertThat(rule.isDecided("x = 1\n  ")).isFalse();
  }
}
