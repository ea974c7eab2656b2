package codestral.lsp.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.prompt.FimWindow;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One rule for where a suggestion ends: an answer streamed in pieces and stopped as soon as {@link
 * PostProcessor#isDecided} says so gives exactly the suggestions of the whole answer, so the early
 * stop (which cancels the call) never cuts what post-processing would have kept.
 */
class StreamedAnswerPropertyTest {
  /**
   * Cursor contexts users meet: a fresh body, auto-closed braces, a statement's end, mid-line,
   * among statements.
   */
  private static final List<String[]> CONTEXTS =
      List.of(
          new String[] {
            "python", "class A:\n    def f(self, x):\n        |\n\n    def g(self):\n        pass\n"
          },
          new String[] {"javascript", "function total(items) {|}\n"},
          new String[] {"javascript", "function check(x) {\n  if (x > 0) {\n    |\n}\n"},
          new String[] {"go", "func area(r Rect) int {\n\treturn r.w * r.h|"},
          new String[] {"python", "def f(a, b):\n    result = mul|\n    return result\n"},
          new String[] {"c", "int f(void) {\n    int x = 1;\n    |\n    return x;\n}\n"},
          new String[] {"ruby", "def area(w, h)|\n"},
          new String[] {"typescript", "const total = sum(|values);\n"},
          new String[] {"python", "def f():\n    |"});

  private static final List<String> LINES =
      List.of(
          "x = 1",
          "return x",
          "if x:",
          "if (x) {",
          "}",
          "});",
          "  }",
          "end",
          "foo(a,",
          "    b)",
          "for i in xs:",
          "```python",
          "```",
          "a = a = a = a =",
          "y2 = 0",
          "y3 = 0",
          "",
          "    ",
          "# comment }",
          "print(\"}\")",
          "def g():",
          "case 1:",
          "default:");

  @Property(tries = 1000)
  void aStreamStoppedWhenDecidedGivesTheSuggestionsOfTheWholeAnswer(
      @ForAll("contexts") int context,
      @ForAll("answers") String answer,
      @ForAll("pieceSizes") List<Integer> pieceSizes,
      @ForAll boolean invoked,
      @ForAll boolean truncated) {
    String[] chosen = CONTEXTS.get(context);
    String marked = chosen[1];
    int cursor = marked.indexOf('|');
    FimWindow window =
        new FimWindow(marked.substring(0, cursor), marked.substring(cursor + 1), chosen[0], cursor);
    PostProcessor postProcessor = new PostProcessor();
    PostProcessor.Prepared prepared = postProcessor.prepare(window);

    String streamed = answer;
    int end = 0;
    for (int i = 0; end < answer.length(); i++) {
      end = Math.min(answer.length(), end + pieceSizes.get(i % pieceSizes.size()));
      if (end < answer.length() && postProcessor.isDecided(prepared, answer.substring(0, end))) {
        streamed = answer.substring(0, end);
        break;
      }
    }
    // A stream the rule stopped ended by our choice, not at the model's token limit.
    boolean streamTruncated = truncated && streamed.length() == answer.length();
    assertThat(postProcessor.process(prepared, streamed, invoked, streamTruncated))
        .isEqualTo(postProcessor.process(prepared, answer, invoked, truncated));
  }

  @Provide
  Arbitrary<Integer> contexts() {
    return Arbitraries.integers().between(0, CONTEXTS.size() - 1);
  }

  @Provide
  Arbitrary<String> answers() {
    Arbitrary<String> line =
        Combinators.combine(
                Arbitraries.of(LINES), Arbitraries.of("", "  ", "    ", "        ", "\t", "\t\t"))
            .as((text, indent) -> indent + text);
    return Combinators.combine(
            line.list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.of("", "\n"),
            Arbitraries.of("", "\n"))
        .as((lines, before, after) -> before + String.join("\n", lines) + after);
  }

  @Provide
  Arbitrary<List<Integer>> pieceSizes() {
    return Arbitraries.integers().between(1, 7).list().ofMinSize(1).ofMaxSize(5);
  }
}
