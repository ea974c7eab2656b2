package codestral.lsp.bench;

import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.postprocess.Suggestion;
import codestral.lsp.prompt.FimWindow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of post-processing one answer at the largest window the server builds (8,000 characters
 * before the cursor, 2,000 after): it runs once per request, after the HTTP call, so it must stay
 * far below a network round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostProcessorBenchmark {
  private final PostProcessor processor = new PostProcessor();
  private FimWindow window;
  private String blockAnswer;

  @org.openjdk.jmh.annotations.Setup
  public void setUp() {
    StringBuilder before = new StringBuilder();
    while (before.length() < 8_000) {
      before.append("def f").append(before.length()).append("(a, b):\n    return a + b  # sum\n\n");
    }
    before.append("def total(xs):\n    ");
    StringBuilder after = new StringBuilder("\n");
    while (after.length() < 2_000) {
      after.append("print(total([1, 2, 3]))\n");
    }
    window = new FimWindow(before.toString(), after.toString(), "python", before.length());
    blockAnswer =
        "s = 0\n    for x in xs:\n        s += x\n    return s\n\nprint(total([1, 2, 3]))\n";
  }

  @Benchmark
  public List<Suggestion> invokedBlockAtTheLargestWindow() {
    return processor.process(window, blockAnswer, true);
  }
}
