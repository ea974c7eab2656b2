package codestral.lsp.bench;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.prompt.FimWindow;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WindowCutter;
import codestral.lsp.prompt.WorkspaceRoots;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The prompt for a cursor in the middle of a 10 MB document, with the default budget (4,096
 * tokens): the window alone, the window of a 10 MB minified single line, and the whole prompt with
 * cross-file context from three recently edited neighbours of the same language.
 *
 * <p>Run: {@code mvn -B -o -q -pl server -Pbench test-compile exec:exec "-Djmh.opts=-f 1 -wi 3 -i 5
 * -w 1s -r 1s -jvmArgsAppend -XX:TieredStopAtLevel=1" -Djmh.args=WindowBenchmark}; without the
 * {@code -jvmArgsAppend}, JMH's fork runs with C2, which the server's launcher leaves out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WindowBenchmark {
  private static final int TEN_MB = 10 * 1024 * 1024;

  private final Settings.Prompt settings = Settings.Prompt.defaults();
  private final TokenEstimator.Rate rate = TokenEstimator.Rate.of(1.0);
  private DocumentSnapshot lines;
  private DocumentSnapshot minified;
  private WindowBuilder builder;
  private int linesCursor;
  private int minifiedCursor;

  @Setup
  public void setUp() {
    DocumentStore store = new DocumentStore();
    StringBuilder code = new StringBuilder(TEN_MB + 100);
    int n = 0;
    while (code.length() < TEN_MB) {
      code.append("    public int computeValue")
          .append(n)
          .append("(int input) {\n")
          .append("        return input * ")
          .append(n++)
          .append(" + offset; // ünïcode\n")
          .append("    }\n");
    }
    lines = store.open("file:///work/project/Big.java", "java", 1, code.toString());
    linesCursor = lines.length() / 2;

    StringBuilder oneLine = new StringBuilder(TEN_MB + 100);
    while (oneLine.length() < TEN_MB) {
      oneLine.append("function a(b){return b.c+d(e,'x')};var q=[1,2,3];");
    }
    minified = store.open("file:///work/project/app.min.js", "javascript", 1, oneLine.toString());
    minifiedCursor = minified.length() / 2;

    for (int i = 0; i < 3; i++) {
      StringBuilder neighbour = new StringBuilder();
      for (int line = 0; line < 2_000; line++) {
        neighbour
            .append("    int computeValue")
            .append(line)
            .append("(int input) { return input + offset; }\n");
      }
      store.open("file:///work/project/Neighbour" + i + ".java", "java", 1, neighbour.toString());
    }
    WorkspaceRoots roots = new WorkspaceRoots();
    roots.set(List.of("file:///work/project/"));
    builder = new WindowBuilder(store, new TokenEstimator(), roots);
  }

  @Benchmark
  public FimWindow windowInTheMiddleOfTenMegabytes() {
    return WindowCutter.cut(
        lines, linesCursor, null, settings.maxPromptTokens(), settings.prefixShare(), rate);
  }

  @Benchmark
  public FimWindow windowInTheMiddleOfATenMegabyteLine() {
    return WindowCutter.cut(
        minified, minifiedCursor, null, settings.maxPromptTokens(), settings.prefixShare(), rate);
  }

  @Benchmark
  public FimWindow wholePromptWithContextFromThreeNeighbours() {
    return builder.build(lines, linesCursor, settings);
  }
}
