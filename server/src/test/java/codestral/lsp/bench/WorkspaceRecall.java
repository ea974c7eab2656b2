package codestral.lsp.bench;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.prompt.FimWindow;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WorkspaceRoots;
import codestral.lsp.workspace.FileSummary;
import codestral.lsp.workspace.Language;
import codestral.lsp.workspace.SourceScanner;
import codestral.lsp.workspace.WorkspaceIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Definition recall of the prompt's context on real code, and what the workspace index costs.
 *
 * <p>For each project under the corpus (fetched by {@code tools/workspace-recall/fetch.sh}), call
 * sites are sampled: a call {@code name(} whose name is defined in exactly one other file of the
 * project and does not occur earlier in the calling file. The document is the calling file cut at
 * the start of the name (the rest of that line removed, as when the user is typing it), the cursor
 * there. A sample is recalled when the first line of the definition's signature is in the prompt
 * built at the default budget, with the defining file closed and with it open, without the index
 * (the neighbours' snippets only, as before) and with it. Then the costs: the time to index 10,000
 * files (the corpus copied until there are that many), the heap the index holds, and the time the
 * workspace context adds to building a prompt (p50).
 *
 * <p>Run: {@code tools/workspace-recall/fetch.sh /tmp/corpus && mvn -B -o -pl server -Pbench
 * test-compile exec:exec -Dbench.main=codestral.lsp.bench.WorkspaceRecall -Djmh.args=/tmp/corpus}.
 * Writes to stdout: it is a measurement tool, not the server.
 */
public final class WorkspaceRecall {
  private static final int SAMPLES_PER_PROJECT = 150;
  private static final int MIN_NAME = 4;
  private static final Pattern CALL = Pattern.compile("(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*\\(|\\.([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
  private static final Settings.Prompt PROMPT = Settings.Prompt.defaults();

  private record Sample(Path file, String prefix, String rest, Path definingFile, String signatureLine, String name) {}

  private WorkspaceRecall() {}

  public static void main(String[] args) throws Exception {
    // The last argument (the profile puts its JMH options first).
    Path corpus = Path.of(args.length > 0 ? args[args.length - 1] : "/tmp/corpus");
    List<String> misses = new ArrayList<>();
    for (String family : List.of("python", "typescript", "java")) {
      try (Stream<Path> projects = Files.list(corpus.resolve(family))) {
        for (Path project : projects.sorted().toList()) {
          recall(family, project, misses);
        }
      }
    }
    System.out.println("\nSome misses (closed, with the index):");
    misses.stream().filter(miss -> miss.contains(System.getProperty("bench.project", ""))).limit(40).forEach(System.out::println);
    costs(corpus);
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> Language.ofFileName(file.getFileName().toString()) != null)
          .sorted()
          .toList();
    }
  }

  private static void recall(String family, Path project, List<String> misses) throws IOException {
    List<Sample> samples = samples(project);
    DocumentStore documents = new DocumentStore();
    WorkspaceIndex index =
        new WorkspaceIndex(file -> false, Settings.Context::defaults, WorkspaceIndex.FileReader.disk(), documents);
    index.build(List.of(project), List.of(), WorkspaceIndex.Progress.NONE);
    WorkspaceRoots roots = new WorkspaceRoots();
    roots.set(List.of(project.toUri().toString()));
    WindowBuilder before = new WindowBuilder(documents, new TokenEstimator(), roots);
    WindowBuilder after = new WindowBuilder(documents, new TokenEstimator(), roots);
    after.useWorkspace(index);
    int[] hits = new int[4]; // before closed, before open, after closed, after open
    for (Sample sample : samples) {
      for (int open = 0; open < 2; open++) {
        for (int withIndex = 0; withIndex < 2; withIndex++) {
          String context = context(documents, withIndex == 1 ? after : before, sample, family, open == 1);
          if (context.contains(sample.signatureLine())) {
            hits[withIndex * 2 + open]++;
          } else if (withIndex == 1 && open == 0) {
            misses.add("  " + project.getFileName() + " " + project.relativize(sample.file()) + ": " + sample.name()
                + " from " + project.relativize(sample.definingFile()) + " — " + sample.signatureLine()
                + "\n      at: " + sample.prefix().substring(sample.prefix().lastIndexOf('\n') + 1).strip());
          }
        }
      }
    }
    // The time the workspace context adds: each sample's build with and without it, warmed up first.
    List<Long> without = new ArrayList<>();
    List<Long> with = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (Sample sample : samples) {
        String uri = open(documents, sample, family);
        DocumentSnapshot snapshot = documents.get(uri).orElseThrow();
        long start = System.nanoTime();
        before.build(snapshot, sample.prefix().length(), PROMPT);
        long middle = System.nanoTime();
        after.build(snapshot, sample.prefix().length(), PROMPT);
        long end = System.nanoTime();
        documents.close(uri);
        if (round == 2) {
          without.add(middle - start);
          with.add(end - middle);
        }
      }
    }
    int n = samples.size();
    System.out.printf(
        Locale.ROOT,
        "%-11s %-24s files %5d, samples %3d | recall closed %5.1f%% -> %5.1f%% | open %5.1f%% -> %5.1f%% | build p50 %4d us -> %4d us%n",
        family, project.getFileName(), index.fileCount(), n,
        pct(hits[0], n), pct(hits[2], n), pct(hits[1], n), pct(hits[3], n),
        p50(without) / 1000, p50(with) / 1000);
  }

  private static String open(DocumentStore documents, Sample sample, String family) {
    String uri = sample.file().toUri().toString();
    documents.open(uri, languageId(family), 1, sample.prefix() + sample.rest());
    return uri;
  }

  private static String context(DocumentStore documents, WindowBuilder builder, Sample sample, String family, boolean definingOpen)
      throws IOException {
    String definingUri = sample.definingFile().toUri().toString();
    if (definingOpen) {
      documents.open(definingUri, languageId(family), 1, Files.readString(sample.definingFile(), StandardCharsets.UTF_8));
    }
    String uri = open(documents, sample, family);
    FimWindow window = builder.build(documents.get(uri).orElseThrow(), sample.prefix().length(), PROMPT);
    documents.close(uri);
    if (definingOpen) {
      documents.close(definingUri);
    }
    return window.context();
  }

  private static String languageId(String family) {
    return family.equals("typescript") ? "typescript" : family;
  }

  /** Call sites of names defined once, in another file, and not seen earlier in the calling file. */
  private static List<Sample> samples(Path project) throws IOException {
    List<Path> files = sources(project);
    STEMS.get().clear();
    files.forEach(file -> STEMS.get().add(file.getFileName().toString().replaceFirst("\\..*$", "")));
    Map<String, Set<Path>> definedIn = new HashMap<>();
    Map<Path, FileSummary> summaries = new HashMap<>();
    Map<Path, String> texts = new HashMap<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      texts.put(file, text);
      FileSummary summary = SourceScanner.scan(Language.ofFileName(file.getFileName().toString()), text);
      summaries.put(file, summary);
      for (FileSummary.Definition definition : summary.definitions()) {
        definedIn.computeIfAbsent(definition.name(), name -> new HashSet<>()).add(file);
      }
    }
    List<Sample> all = new ArrayList<>();
    for (Path file : files) {
      String text = texts.get(file);
      Set<String> seen = new HashSet<>();
      Matcher words = WORD.matcher(text);
      Matcher calls = CALL.matcher(text);
      int searchFrom = 0;
      while (calls.find(searchFrom)) {
        searchFrom = calls.end();
        int start = calls.group(1) != null ? calls.start(1) : calls.start(2);
        String name = calls.group(1) != null ? calls.group(1) : calls.group(2);
        // Every word before the call's name counts as seen.
        while (words.find() && words.start() < start) {
          seen.add(words.group());
        }
        words.region(start, text.length());
        if (name.length() < MIN_NAME || seen.contains(name)) {
          continue;
        }
        Set<Path> defining = definedIn.get(name);
        if (defining == null || defining.size() != 1 || defining.contains(file)) {
          continue;
        }
        int lineStart = text.lastIndexOf('\n', start) + 1;
        String linePrefix = text.substring(lineStart, start);
        if (isComment(linePrefix) || !receiverMayBeOurs(linePrefix, text.substring(Math.max(0, start - 20_000), start), definedIn)) {
          continue;
        }
        Path definingFile = defining.iterator().next();
        String signature = null;
        for (FileSummary.Definition definition : summaries.get(definingFile).definitions()) {
          if (definition.name().equals(name)) {
            signature = definition.signature().split("\n")[0];
            break;
          }
        }
        int lineEnd = text.indexOf('\n', start);
        all.add(new Sample(file, text.substring(0, start), lineEnd < 0 ? "" : text.substring(lineEnd), definingFile, signature, name));
      }
    }
    Collections.shuffle(all, new Random(42));
    return all.subList(0, Math.min(SAMPLES_PER_PROJECT, all.size()));
  }

  /** The file names (without extension) of the project being sampled: its own modules. */
  private static final ThreadLocal<Set<String>> STEMS = ThreadLocal.withInitial(HashSet::new);

  private static final Pattern RECEIVER = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\.\\s*$");

  /** A line of a comment or doc comment: its "calls" are prose. */
  private static boolean isComment(String linePrefix) {
    String line = linePrefix.stripLeading();
    return line.startsWith("*") || line.startsWith("//") || line.startsWith("#") || line.startsWith("/*");
  }

  /**
   * Whether the call's receiver may be one of the project's own types: a {@code Double.valueOf(} or
   * a {@code thread.getName(} (a variable declared with a library type) calls the library, not the
   * project's method of the same name, and is not a sample.
   */
  private static boolean receiverMayBeOurs(String linePrefix, String before, Map<String, Set<Path>> definedIn) {
    String trimmed = linePrefix.stripTrailing();
    if (trimmed.endsWith("\".") || trimmed.endsWith("'.") || trimmed.endsWith("`.")) {
      return false; // a string's own method
    }
    Matcher receiver = RECEIVER.matcher(linePrefix);
    if (!receiver.find()) {
      return true;
    }
    String name = receiver.group(1);
    // A library module imported by name (os, platform, datetime): not the project's.
    if (Pattern.compile("(?m)^\\s*(?:import\\s+(?:[\\w.]+\\.)?|from\\s+\\S+\\s+import\\s+.*\\b)" + Pattern.quote(name) + "\\b").matcher(before).find()
        && !definedIn.containsKey(name) && !STEMS.get().contains(name)) {
      return false;
    }
    if (Character.isUpperCase(name.charAt(0))) {
      return definedIn.containsKey(name);
    }
    String quoted = Pattern.quote(name);
    Matcher declared =
        Pattern.compile("\\b([A-Z][\\w$]*)(?:<[^>]*>)?\\s+" + quoted + "\\s*[=;,)]|\\b" + quoted + "\\s*:\\s*([A-Z][\\w$]*)")
            .matcher(before);
    String type = null;
    while (declared.find()) {
      type = declared.group(1) != null ? declared.group(1) : declared.group(2);
    }
    return type == null || definedIn.containsKey(type);
  }

  /** Indexing 10,000 files (the corpus copied until there are that many), and the heap it holds. */
  private static void costs(Path corpus) throws IOException, InterruptedException {
    List<Path> originals = sources(corpus.resolve("python"));
    originals = new ArrayList<>(originals);
    originals.addAll(sources(corpus.resolve("typescript")));
    originals.addAll(sources(corpus.resolve("java")));
    Path copies = corpus.resolve(".copies");
    int copy = 0;
    int total = 0;
    while (total < 10_000) {
      for (Path file : originals) {
        Path target = copies.resolve("copy" + copy).resolve(corpus.relativize(file).toString());
        if (!Files.exists(target)) {
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
        if (++total == 10_000) {
          break;
        }
      }
      copy++;
    }
    for (int run = 0; run < 3; run++) {
      long heapBefore = usedAfterGc();
      WorkspaceIndex index =
          new WorkspaceIndex(file -> false, Settings.Context::defaults, WorkspaceIndex.FileReader.disk(), new DocumentStore());
      long start = System.nanoTime();
      index.build(List.of(copies), List.of(), WorkspaceIndex.Progress.NONE);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long heap = usedAfterGc() - heapBefore;
      System.out.printf(
          Locale.ROOT,
          "index %d files: %d ms, heap held %.1f MB (own estimate %.1f MB)%n",
          index.fileCount(), millis, heap / 1048576.0, index.estimatedBytes() / 1048576.0);
      if (index.fileCount() < 0) {
        System.out.println(index); // keeps the index reachable until measured
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static double pct(int hits, int n) {
    return n == 0 ? 0 : 100.0 * hits / n;
  }

  private static long p50(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }
}
