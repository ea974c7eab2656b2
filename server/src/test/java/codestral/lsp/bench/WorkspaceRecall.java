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
 * Writes to stdout: it is a measurement tool, not the server. JVM options (through {@code
 * -Dbench.jvm='...'}): {@code -Dbench.misses=all} lists every miss with the index, defining file
 * closed and open (else the first 40 closed ones), {@code -Dbench.show=NAME} the context of the
 * closed misses of that name too, {@code -Dbench.project=rich} runs only the projects whose path
 * holds that, {@code -Dbench.costs=false} skips the indexing costs.
 */
public final class WorkspaceRecall {
  private static final int SAMPLES_PER_PROJECT = 150;
  private static final int MIN_NAME = 4;
  private static final Pattern CALL =
      Pattern.compile(
          "(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*\\(|(?:\\.|->|::)([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
  private static final Settings.Prompt PROMPT = Settings.Prompt.defaults();

  /**
   * A call site; {@code signatureLines}: the first lines of the name's definitions in the defining
   * file.
   */
  private record Sample(
      Path file,
      String prefix,
      String rest,
      Path definingFile,
      List<String> signatureLines,
      String name) {
    boolean recalledIn(String context) {
      return signatureLines.stream().anyMatch(context::contains);
    }
  }

  private WorkspaceRecall() {}

  public static void main(String[] args) throws Exception {
    // The last argument (the profile puts its JMH options first).
    Path corpus = Path.of(args.length > 0 ? args[args.length - 1] : "/tmp/corpus");
    List<String> misses = new ArrayList<>();
    for (String family :
        List.of("python", "typescript", "java", "kotlin", "go", "rust", "ruby", "php")) {
      if (!Files.isDirectory(corpus.resolve(family))) {
        continue;
      }
      try (Stream<Path> projects = Files.list(corpus.resolve(family))) {
        for (Path project :
            projects
                .sorted()
                .filter(p -> p.toString().contains(System.getProperty("bench.project", "")))
                .toList()) {
          recall(family, project, misses);
        }
      }
    }
    boolean all = "all".equals(System.getProperty("bench.misses"));
    System.out.println(
        all ? "\nMisses with the index:" : "\nSome misses (closed, with the index):");
    misses.stream()
        .filter(miss -> all || !miss.startsWith("  open"))
        .limit(all ? Long.MAX_VALUE : 40)
        .forEach(System.out::println);
    if (!"false".equals(System.getProperty("bench.costs"))) {
      costs(corpus);
    }
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
    List<Sample> samples = samples(project, family);
    DocumentStore documents = new DocumentStore();
    WorkspaceIndex index =
        new WorkspaceIndex(
            file -> false, Settings.Context::defaults, WorkspaceIndex.FileReader.disk(), documents);
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
          String context =
              context(documents, withIndex == 1 ? after : before, sample, family, open == 1);
          if (sample.recalledIn(context)) {
            hits[withIndex * 2 + open]++;
          } else if (withIndex == 1) {
            String show = System.getProperty("bench.show");
            if (show != null && open == 0 && sample.name().equals(show)) {
              misses.add("    context of " + sample.name() + ":\n" + context.indent(6));
            }
            misses.add(
                (open == 0 ? "  closed " : "  open   ")
                    + project.getFileName()
                    + " "
                    + project.relativize(sample.file())
                    + ": "
                    + sample.name()
                    + " from "
                    + project.relativize(sample.definingFile())
                    + " — "
                    + sample.signatureLines().get(0)
                    + "\n      at: "
                    + sample.prefix().substring(sample.prefix().lastIndexOf('\n') + 1).strip());
          }
        }
      }
    }
    // The time the workspace context adds: each sample's build with and without it, warmed up
    // first.
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
        family,
        project.getFileName(),
        index.fileCount(),
        n,
        pct(hits[0], n),
        pct(hits[2], n),
        pct(hits[1], n),
        pct(hits[3], n),
        p50(without) / 1000,
        p50(with) / 1000);
  }

  private static String open(DocumentStore documents, Sample sample, String family) {
    String uri = sample.file().toUri().toString();
    documents.open(uri, languageId(family), 1, sample.prefix() + sample.rest());
    return uri;
  }

  private static String context(
      DocumentStore documents,
      WindowBuilder builder,
      Sample sample,
      String family,
      boolean definingOpen)
      throws IOException {
    String definingUri = sample.definingFile().toUri().toString();
    if (definingOpen) {
      documents.open(
          definingUri,
          languageId(family),
          1,
          Files.readString(sample.definingFile(), StandardCharsets.UTF_8));
    }
    String uri = open(documents, sample, family);
    FimWindow window =
        builder.build(documents.get(uri).orElseThrow(), sample.prefix().length(), PROMPT);
    documents.close(uri);
    if (definingOpen) {
      documents.close(definingUri);
    }
    return window.context();
  }

  private static String languageId(String family) {
    return family.equals("typescript") ? "typescript" : family;
  }

  /**
   * Call sites of names defined once, in another file, and not seen earlier in the calling file.
   * Not samples: a "call" in a comment or a string (a docstring's {@code width (int): ...}); a
   * member call on a receiver the project does not define (a library module, a variable declared
   * with a library type); and a call named like a method or function of the platform ({@link
   * PlatformNames}: {@code line.rstrip(}, {@code fn.call(}, {@code getClass().getSimpleName(},
   * {@code open(}) unless its receiver is a class or a declared type of the project, since the
   * benchmark cannot tell whose it is. The expected lines: the definitions of the name in the
   * defining file that can be called (its overloads; a field of the same name is not what {@code
   * name(} calls), else all of them.
   */
  private static List<Sample> samples(Path project, String family) throws IOException {
    List<Path> files = sources(project);
    STEMS.get().clear();
    FAMILY.set(family);
    files.forEach(
        file -> STEMS.get().add(file.getFileName().toString().replaceFirst("\\..*$", "")));
    if (family.equals("go") || family.equals("rust")) {
      // Their modules and packages are directories too (a Go import path's last part, a Rust mod).
      files.forEach(
          file -> STEMS.get().add(file.getParent().getFileName().toString().replace('-', '_')));
    }
    Set<String> platformMethods = PlatformNames.methods(family);
    Set<String> platformFunctions = PlatformNames.functions(family);
    Map<String, Set<Path>> definedIn = new HashMap<>();
    Map<Path, FileSummary> summaries = new HashMap<>();
    Map<Path, String> texts = new HashMap<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      texts.put(file, text);
      FileSummary summary =
          SourceScanner.scan(Language.ofFileName(file.getFileName().toString()), text);
      summaries.put(file, summary);
      for (FileSummary.Definition definition : summary.definitions()) {
        definedIn.computeIfAbsent(definition.name(), name -> new HashSet<>()).add(file);
      }
    }
    List<Sample> all = new ArrayList<>();
    int platformNamed = 0;
    for (Path file : files) {
      String text = texts.get(file);
      boolean[] code = codeMask(text, family);
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
        String before = text.substring(Math.max(0, start - 20_000), start);
        if (!code[start]
            || isComment(linePrefix)
            || !receiverMayBeOurs(linePrefix, before, definedIn)) {
          continue;
        }
        boolean member = calls.group(2) != null;
        // PHP's new \RuntimeException( names the global namespace's class: PHP's own.
        if (family.equals("php")
            && start > 0
            && text.charAt(start - 1) == '\\'
            && (start < 2 || !Character.isJavaIdentifierPart(text.charAt(start - 2)))) {
          continue;
        }
        // Rust's Kind::Variant( builds an enum's variant, which the index does not list: a struct
        // elsewhere with the variant's name is not what it calls.
        if (family.equals("rust")
            && member
            && Character.isUpperCase(name.charAt(0))
            && text.startsWith("::", start - 2)) {
          continue;
        }
        // Rust's trait methods (clone, to_string, fmt) are the std trait's, derived or not,
        // whatever
        // the receiver.
        if (member
            ? platformMethods.contains(name)
                && (family.equals("rust") || !receiverIsOurs(linePrefix, before, definedIn))
            : platformFunctions.contains(name)) {
          platformNamed++;
          continue;
        }
        Path definingFile = defining.iterator().next();
        // Go: a bare call reaches only a function of the caller's own package (its directory), and
        // never a method; else it is a builtin or a local closure of that name.
        boolean goBare = family.equals("go") && !member;
        if (goBare && !definingFile.getParent().equals(file.getParent())) {
          continue;
        }
        List<String> callable = new ArrayList<>();
        List<String> any = new ArrayList<>();
        Pattern called =
            Pattern.compile(
                "\\b"
                    + Pattern.quote(name)
                    + "\\s*[(<]|\\b(?:class|interface|enum|record)\\s+"
                    + Pattern.quote(name)
                    + "\\b");
        for (FileSummary.Definition definition : summaries.get(definingFile).definitions()) {
          if (definition.name().equals(name)) {
            String first = definition.signature().split("\n")[0];
            any.add(first);
            if (goBare && first.startsWith("func (")) {
              continue;
            }
            if (called.matcher(first).find()) {
              callable.add(first);
            }
          }
        }
        if (goBare && callable.isEmpty() && any.stream().allMatch(l -> l.startsWith("func ("))) {
          continue;
        }
        int lineEnd = text.indexOf('\n', start);
        all.add(
            new Sample(
                file,
                text.substring(0, start),
                lineEnd < 0 ? "" : text.substring(lineEnd),
                definingFile,
                callable.isEmpty() ? any : callable,
                name));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-11s %-24s call sites: %d sampled from, %d named like the platform's left out%n",
        family,
        project.getFileName(),
        all.size(),
        platformNamed);
    Collections.shuffle(all, new Random(42));
    return all.subList(0, Math.min(SAMPLES_PER_PROJECT, all.size()));
  }

  /**
   * Which characters of a source are code, not a comment or a string literal: a rough lexer (no
   * regular expression literals, template holes count as string), enough to tell prose from calls.
   */
  static boolean[] codeMask(String text, String family) {
    boolean hashComments = Set.of("python", "ruby", "php").contains(family);
    boolean slashComments = !Set.of("python", "ruby").contains(family);
    boolean tripleQuotes = Set.of("python", "kotlin").contains(family);
    boolean python = !slashComments;
    boolean[] code = new boolean[text.length()];
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end;
      if (hashComments && c == '#' || slashComments && text.startsWith("//", i)) {
        end = text.indexOf('\n', i);
      } else if (slashComments && text.startsWith("/*", i)) {
        end = text.indexOf("*/", i + 2);
        end = end < 0 ? -1 : end + 2;
      } else if (family.equals("rust")
          && c == '\''
          && i + 2 < text.length()
          && Character.isJavaIdentifierStart(text.charAt(i + 1))
          && text.charAt(i + 2) != '\'') {
        code[i++] = true; // a lifetime ('a, 'static), not a character literal
        continue;
      } else if (tripleQuotes && (text.startsWith("\"\"\"", i) || text.startsWith("'''", i))) {
        end = text.indexOf(text.substring(i, i + 3), i + 3);
        end = end < 0 ? -1 : end + 3;
      } else if (c == '"' || c == '\'' || !python && c == '`') {
        end = i + 1;
        while (end < text.length()
            && text.charAt(end) != c
            && (c == '`' || text.charAt(end) != '\n')) {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, text.length());
      } else {
        code[i++] = true;
        continue;
      }
      i = end < 0 ? text.length() : end;
    }
    return code;
  }

  /** The file names (without extension) of the project being sampled: its own modules. */
  private static final ThreadLocal<Set<String>> STEMS = ThreadLocal.withInitial(HashSet::new);

  /** Receivers that are the project's own in Rust and PHP: Self::, crate::, $this->, parent::. */
  private static boolean isSelfName(String name) {
    return switch (FAMILY.get()) {
      case "rust" -> Set.of("Self", "crate").contains(name);
      case "php" -> Set.of("$this", "static", "parent").contains(name);
      default -> false;
    };
  }

  /** The language family being sampled. */
  private static final ThreadLocal<String> FAMILY = ThreadLocal.withInitial(() -> "java");

  /**
   * The separator between a receiver and its member: {@code .} everywhere; Kotlin's {@code ?.},
   * Rust's and PHP's {@code ::}, PHP's {@code ->} in those languages only (the figures of the first
   * three stay comparable).
   */
  private static String separator() {
    return switch (FAMILY.get()) {
      case "kotlin" -> "\\??\\.";
      case "rust" -> "(?:\\.|::)";
      case "php" -> "(?:->|::)";
      case "ruby" -> "(?:\\.|::)";
      default -> "\\.";
    };
  }

  /** The receiver of the member access before the cursor: {@code x} in {@code x.}. */
  private static Pattern receiver() {
    return Pattern.compile("([A-Za-z_$][\\w$]*)\\s*" + separator() + "\\s*$");
  }

  /** The first name of a dotted chain before the cursor: {@code os} in {@code os.path.}. */
  private static Pattern chainHead() {
    String separator = separator();
    return Pattern.compile(
        "(?<![\\w$.)\\]])([A-Za-z_$][\\w$]*)(?:\\s*"
            + separator
            + "\\s*[A-Za-z_$][\\w$]*)+\\s*"
            + separator
            + "\\s*$");
  }

  /** A line of a comment or doc comment: its "calls" are prose. */
  private static boolean isComment(String linePrefix) {
    String line = linePrefix.stripLeading();
    return line.startsWith("*")
        || line.startsWith("//")
        || line.startsWith("#")
        || line.startsWith("/*");
  }

  /**
   * Whether the call's receiver may be one of the project's own types: a {@code Double.valueOf(} or
   * a {@code thread.getName(} (a variable declared with a library type) calls the library, not the
   * project's method of the same name, and is not a sample; nor is {@code os.path.join(} (a chain
   * that starts at a library module).
   */
  private static boolean receiverMayBeOurs(
      String linePrefix, String before, Map<String, Set<Path>> definedIn) {
    String trimmed = linePrefix.stripTrailing();
    if (trimmed.endsWith("\".") || trimmed.endsWith("'.") || trimmed.endsWith("`.")) {
      return false; // a string's own method
    }
    Matcher receiver = receiver().matcher(linePrefix);
    if (!receiver.find()) {
      return true;
    }
    String name = receiver.group(1);
    if (isSelfName(name)) {
      return true;
    }
    Matcher chain = chainHead().matcher(linePrefix);
    for (String module : chain.find() ? List.of(name, chain.group(1)) : List.of(name)) {
      if (isLibraryModule(module, linePrefix, before)) {
        return false;
      }
      // A library module imported by name (os, platform, datetime): not the project's.
      if (Pattern.compile(
                  "(?m)^\\s*(?:import\\s+(?:[\\w.]+\\.)?|from\\s+\\S+\\s+import\\s+.*\\b)"
                      + Pattern.quote(module)
                      + "\\b")
              .matcher(before)
              .find()
          && !definedIn.containsKey(module)
          && !STEMS.get().contains(module)) {
        return false;
      }
    }
    if (Character.isUpperCase(name.charAt(0))) {
      return definedIn.containsKey(name);
    }
    String type = declaredType(name, before);
    return type == null || definedIn.containsKey(type);
  }

  /**
   * Go and Rust name a library by its package or crate: {@code strings.} when the file imports
   * {@code "strings"} (not one of the project's own package directories), {@code std::} or a
   * dependency's {@code serde::} (a lower-case path head that is none of the project's modules).
   */
  private static boolean isLibraryModule(String module, String linePrefix, String before) {
    String family = FAMILY.get();
    if (family.equals("go")) {
      Matcher imports =
          Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:([\\w.]+)\\s+)?\"([^\"]+)\"\\s*$")
              .matcher(before);
      while (imports.find()) {
        String path = imports.group(2);
        String last = path.substring(path.lastIndexOf('/') + 1);
        if ((module.equals(imports.group(1)) || module.equals(last))
            && !STEMS.get().contains(last.replace('-', '_'))) {
          return true;
        }
      }
      return false;
    }
    return family.equals("rust")
        && Character.isLowerCase(module.charAt(0))
        && !STEMS.get().contains(module)
        && Pattern.compile("\\b" + Pattern.quote(module) + "\\s*::").matcher(linePrefix).find();
  }

  /**
   * Whether the receiver is known to be the project's: {@code self}, a project class, a variable
   * declared with one.
   */
  private static boolean receiverIsOurs(
      String linePrefix, String before, Map<String, Set<Path>> definedIn) {
    Matcher receiver = receiver().matcher(linePrefix);
    if (!receiver.find()) {
      return false;
    }
    String name = receiver.group(1);
    if (Set.of("self", "this", "super", "cls").contains(name) || isSelfName(name)) {
      return true;
    }
    if (Character.isUpperCase(name.charAt(0))) {
      return definedIn.containsKey(name);
    }
    String type = declaredType(name, before);
    return type != null && definedIn.containsKey(type);
  }

  /**
   * The type a variable is declared with in the text before ({@code Type name =}, {@code name:
   * Type}), or null.
   */
  private static String declaredType(String name, String before) {
    String quoted = Pattern.quote(name);
    Matcher declared =
        Pattern.compile(
                "\\b([A-Z][\\w$]*)(?:<[^>]*>)?\\s+"
                    + quoted
                    + "\\s*[=;,)]|\\b"
                    + quoted
                    + "\\s*:\\s*[&*]?\\s*(?:mut\\s+)?([A-Z][\\w$]*)"
                    + (FAMILY.get().equals("go")
                        ? "|\\b" + quoted + "\\s+\\*?(?:\\w+\\.)?([A-Z]\\w*)\\s*[,)]"
                        : ""))
            .matcher(before);
    String type = null;
    while (declared.find()) {
      for (int group = 1; group <= declared.groupCount(); group++) {
        if (declared.group(group) != null) {
          type = declared.group(group);
        }
      }
    }
    return type;
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
          new WorkspaceIndex(
              file -> false,
              Settings.Context::defaults,
              WorkspaceIndex.FileReader.disk(),
              new DocumentStore());
      long start = System.nanoTime();
      index.build(List.of(copies), List.of(), WorkspaceIndex.Progress.NONE);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long heap = usedAfterGc() - heapBefore;
      System.out.printf(
          Locale.ROOT,
          "index %d files: %d ms, heap held %.1f MB (own estimate %.1f MB)%n",
          index.fileCount(),
          millis,
          heap / 1048576.0,
          index.estimatedBytes() / 1048576.0);
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
