package codestral.lsp.protocol;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The typing replay benchmark, not a test (Surefire skips it by name): what a person feels while
 * typing real code that no one here wrote, with the built jar between them and an API-like model.
 * See {@link TypingReplay} for the person and the editor, {@link TrueContinuation} for the model
 * (the file's own continuation to the end of the block, 200 ms to the first token and 10 ms a
 * token, 30 requests a minute with 429s beyond).
 *
 * <p>Sources are fetched at run time with the registries' own clients and cached under {@code
 * protocol-tests/target/typing-replay}: Java from a Maven Central sources jar (the {@code replay}
 * profile unpacks it), TypeScript from an npm package that ships its sources ({@code npm pack}),
 * Python from a Debian package ({@code apt-get download}, {@code dpkg-deb -x}). Nothing of them is
 * committed.
 *
 * <p>Each mode (prefetch off, then on) gets a fresh server and the same person (same seed, same
 * stretches). Per language and overall it prints: upstream calls per 1,000 keys, the share of
 * characters entered by acceptance, the wait from the last key of a pause to the ghost text (p50,
 * p90, and how many pauses got any), the response time of the request after an acceptance (p50),
 * prompt tokens per call, 429s, and calls per accepted character.
 *
 * <pre>
 * mvn -B -pl server,protocol-tests package -DskipTests -Preplay [-Dreplay.chars=600] [-Dreplay.seed=21]
 * </pre>
 */
public final class TypingReplayBenchmark {
  private static final long FIRST_TOKEN_MS = 200;
  private static final long TOKEN_MS = 10;
  private static final int REQUESTS_PER_MINUTE = 30;

  /** VS Code asks for inline suggestions a moment after the last key. */
  private static final long EDITOR_DEBOUNCE_MS = 50;

  private TypingReplayBenchmark() {}

  /** A stretch of a file to type. */
  private record Stretch(String language, String uri, String file, int start, int end) {}

  public static void main(String[] args) throws Exception {
    Path cache =
        Path.of(System.getProperty("replay.cache", "target/typing-replay")).toAbsolutePath();
    int chars = Integer.getInteger("replay.chars", 600);
    long seed = Long.getLong("replay.seed", 21);
    List<String> modes = List.of(System.getProperty("replay.modes", "off,on").split(","));
    PrintStream out = System.out;

    Map<String, List<Path>> sources = new LinkedHashMap<>();
    sources.put("java", javaSources(cache));
    sources.put("typescript", typescriptSources(cache));
    sources.put("python", pythonSources(cache));
    List<Stretch> stretches = new ArrayList<>();
    Random pick = new Random(seed);
    for (Map.Entry<String, List<Path>> language : sources.entrySet()) {
      stretches.addAll(stretches(language.getKey(), language.getValue(), chars, pick));
    }
    out.println();
    for (Stretch stretch : stretches) {
      out.printf(
          Locale.ROOT,
          "%s: %s, %d chars from offset %d%n",
          stretch.language(),
          stretch.uri(),
          stretch.end() - stretch.start(),
          stretch.start());
    }
    out.printf(
        Locale.ROOT,
        "%n%-10s %-8s %5s %7s %9s %8s %8s %8s %10s %12s %6s %4s %9s%n",
        "language",
        "prefetch",
        "keys",
        "calls",
        "calls/1k",
        "accepted",
        "ghost50",
        "ghost90",
        "pauses",
        "after50/n",
        "tok/cl",
        "429",
        "calls/ch");
    for (String mode : modes) {
      Map<String, Row> rows = new LinkedHashMap<>();
      try (FakeCodestral fake = new FakeCodestral();
          ServerProcess lsp = ServerProcess.startAgainst(fake)) {
        TrueContinuation model =
            new TrueContinuation(fake, FIRST_TOKEN_MS, TOKEN_MS, REQUESTS_PER_MINUTE);
        fake.answerByDefault(model);
        lsp.initialize(
            List.of("utf-16"), Map.of("codestral", Map.of("prefetch", "on".equals(mode))));
        long personSeed = seed;
        for (Stretch stretch : stretches) {
          model.typing(stretch.file());
          int callsBefore = model.calls();
          int limitedBefore = model.rateLimited();
          long tokensBefore = model.promptTokens();
          TypingReplay replay =
              new TypingReplay(
                  lsp,
                  stretch.uri(),
                  stretch.file(),
                  stretch.start(),
                  stretch.end(),
                  TypingReplay.Person.human(personSeed++),
                  EDITOR_DEBOUNCE_MS);
          lsp.open(stretch.uri(), stretch.language(), replay.openingText());
          TypingReplay.Result result = replay.run();
          // Let a call still running end, so it is counted with its own stretch.
          Thread.sleep(1_500);
          lsp.server()
              .getTextDocumentService()
              .didClose(
                  new org.eclipse.lsp4j.DidCloseTextDocumentParams(
                      new org.eclipse.lsp4j.TextDocumentIdentifier(stretch.uri())));
          if (!result.finalText.equals(stretch.file())) {
            throw new AssertionError("the replay lost an edit in " + stretch.uri());
          }
          Row row = rows.computeIfAbsent(stretch.language(), language -> new Row());
          row.result.add(result);
          row.calls += model.calls() - callsBefore;
          row.rateLimited += model.rateLimited() - limitedBefore;
          row.promptTokens += model.promptTokens() - tokensBefore;
        }
        Row all = new Row();
        rows.values().forEach(all::add);
        rows.put("all", all);
        rows.forEach((language, row) -> print(out, language, mode, row));
        out.println(
            "  stats: " + ServerProcess.await(lsp.extensions().codestralStats()).get("prefetch"));
        lsp.shutdownAndExit();
      }
    }
  }

  /** A language's counts over its stretches. */
  private static final class Row {
    final TypingReplay.Result result = new TypingReplay.Result();
    int calls;
    int rateLimited;
    long promptTokens;

    void add(Row other) {
      result.add(other.result);
      calls += other.calls;
      rateLimited += other.rateLimited;
      promptTokens += other.promptTokens;
    }
  }

  private static void print(PrintStream out, String language, String mode, Row row) {
    TypingReplay.Result r = row.result;
    int chars = r.typedChars + r.acceptedChars;
    int served = row.calls - row.rateLimited;
    out.printf(
        Locale.ROOT,
        "%-10s %-8s %5d %7d %9.0f %7.1f%% %6.0fms %6.0fms %4d/%-5d %7.1fms/%-3d %6.0f %4d %9.3f%n",
        language,
        mode,
        r.keys,
        row.calls,
        1000.0 * row.calls / Math.max(1, r.keys),
        100.0 * r.acceptedChars / Math.max(1, chars),
        millis(r.pauseWaitNanos, 0.5),
        millis(r.pauseWaitNanos, 0.9),
        r.pausesWithGhostText,
        r.pauses,
        millis(r.afterAcceptanceNanos, 0.5),
        r.afterAcceptanceNanos.size(),
        served == 0 ? 0.0 : (double) row.promptTokens / served,
        row.rateLimited,
        (double) row.calls / Math.max(1, r.acceptedChars));
  }

  private static double millis(List<Long> nanos, double quantile) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index =
        (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(quantile * sorted.size()) - 1));
    return sorted.get(index) / 1e6;
  }

  /**
   * Stretches of about {@code chars} chars per language, from two files picked by the seed among
   * those of 3 to 30 kB: each starts at a line about 40% into its file and ends at a line's end.
   */
  private static List<Stretch> stretches(String language, List<Path> files, int chars, Random pick)
      throws IOException {
    List<Path> fitting = new ArrayList<>();
    for (Path file : files) {
      long size = Files.size(file);
      if (size >= 3_000 && size <= 30_000) {
        fitting.add(file);
      }
    }
    Collections.sort(fitting);
    Collections.shuffle(fitting, pick);
    List<Stretch> stretches = new ArrayList<>();
    for (Path path : fitting.subList(0, Math.min(2, fitting.size()))) {
      String text =
          Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
      int start = text.indexOf('\n', (int) (text.length() * 0.4)) + 1;
      int end = text.indexOf('\n', Math.min(text.length() - 1, start + chars / 2));
      if (start <= 0 || end <= start) {
        continue;
      }
      String uri = "file:///replay/" + language + "/" + path.getFileName();
      stretches.add(new Stretch(language, uri, text, start, end));
    }
    if (stretches.isEmpty()) {
      throw new IllegalStateException(
          "no " + language + " file of 3 to 30 kB among " + files.size());
    }
    return stretches;
  }

  /** The Java sources the {@code replay} profile unpacked (a Maven Central sources jar). */
  private static List<Path> javaSources(Path cache) throws IOException {
    Path unpacked = cache.resolve("java");
    if (!Files.isDirectory(unpacked)) {
      throw new IllegalStateException(
          unpacked + " is missing: run through the replay profile, which unpacks the sources jar");
    }
    return filesEndingWith(unpacked, ".java");
  }

  /** TypeScript sources of an npm package that ships them, fetched with {@code npm pack}. */
  private static List<Path> typescriptSources(Path cache) throws IOException, InterruptedException {
    String spec = System.getProperty("replay.npmPackage", "rxjs@7.8.1");
    Path directory = cache.resolve("npm");
    Path unpacked = directory.resolve("package");
    if (!Files.isDirectory(unpacked)) {
      Files.createDirectories(directory);
      run(directory, "npm", "pack", spec, "--silent");
      try (Stream<Path> tarballs = Files.list(directory)) {
        Path tarball =
            tarballs.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        run(directory, "tar", "-xzf", tarball.getFileName().toString());
      }
    }
    return filesEndingWith(unpacked, ".ts").stream()
        .filter(p -> !p.toString().endsWith(".d.ts"))
        .collect(Collectors.toList());
  }

  /** Python sources of a Debian package, fetched with {@code apt-get download}. */
  private static List<Path> pythonSources(Path cache) throws IOException, InterruptedException {
    String name = System.getProperty("replay.debPackage", "python3-requests");
    Path directory = cache.resolve("deb");
    Path unpacked = directory.resolve("root");
    if (!Files.isDirectory(unpacked)) {
      Files.createDirectories(directory);
      run(directory, "apt-get", "download", name);
      try (Stream<Path> debs = Files.list(directory)) {
        Path deb = debs.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        run(directory, "dpkg-deb", "-x", deb.getFileName().toString(), "root");
      }
    }
    return filesEndingWith(unpacked, ".py");
  }

  private static List<Path> filesEndingWith(Path root, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static void run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("fetch.log").toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed; see " + directory.resolve("fetch.log"));
    }
  }
}
