package codestral.lsp.workspace;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The imports and definitions of the workspace's source files, looked up by definition name, by
 * file name and by folder. Built by {@link #build} and kept current by {@link #refresh} and {@link
 * #remove}, all on one background thread (the caller's); looked up from any thread.
 *
 * <p>What is never read: a path the {@code sensitive} rule matches (asked before the file is
 * opened), anything {@link IgnoreRules} ignores, a file over {@code codestral.context.maxFileKb},
 * one whose first 8 KiB hold a NUL byte (binary), and files beyond the file and memory caps. An
 * open document's text wins over its file on disk.
 */
public final class WorkspaceIndex {
  private static final Logger LOG = System.getLogger(WorkspaceIndex.class.getName());
  private static final int BINARY_PROBE_BYTES = 8 * 1024;

  /** Per indexed file beyond its summary: the map entries and its path, by estimate. */
  private static final int FILE_OVERHEAD_BYTES = 200;

  /** Per distinct definition name: the map entry, the key and its array of files. */
  private static final int NAME_OVERHEAD_BYTES = 96;

  /** Reads a file's bytes, or returns null when it is larger than {@code maxBytes}. */
  public interface FileReader {
    byte[] read(Path file, int maxBytes) throws IOException;

    /** The disk: refuses a file over the cap without reading it. */
    static FileReader disk() {
      return (file, maxBytes) -> {
        if (Files.size(file) > maxBytes) {
          return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
          return in.readNBytes(maxBytes + 1);
        }
      };
    }
  }

  /** Hears how indexing goes: for work-done progress. */
  public interface Progress {
    void begin(int files);

    void report(int done, int files);

    void end(int indexed, long millis);

    Progress NONE =
        new Progress() {
          @Override
          public void begin(int files) {}

          @Override
          public void report(int done, int files) {}

          @Override
          public void end(int indexed, long millis) {}
        };
  }

  private final Predicate<Path> sensitive;
  private final Supplier<Settings.Context> settings;
  private final FileReader reader;
  private final DocumentStore documents;

  private final Map<String, FileSummary> files = new ConcurrentHashMap<>();
  private final Map<String, String[]> byName = new ConcurrentHashMap<>();
  private final Map<String, String[]> byFileName = new ConcurrentHashMap<>();
  private final Map<String, String[]> byDirectory = new ConcurrentHashMap<>();
  private final Map<String, String[]> byPackage = new ConcurrentHashMap<>();
  private final Map<String, OpenSummary> openSummaries = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private volatile List<Path> roots = List.of();
  private volatile Map<Path, IgnoreRules> rootRules = Map.of();
  private volatile boolean budgetWarned;

  private record OpenSummary(DocumentSnapshot snapshot, FileSummary summary) {}

  /**
   * @param sensitive whether a file must never be read (the prompt's excluded files)
   * @param settings the caps and extra exclusions in force
   * @param reader how files are read (the disk; a recording reader in tests)
   * @param documents the open documents, whose text wins over the disk
   */
  public WorkspaceIndex(
      Predicate<Path> sensitive,
      Supplier<Settings.Context> settings,
      FileReader reader,
      DocumentStore documents) {
    this.sensitive = sensitive;
    this.settings = settings;
    this.reader = reader;
    this.documents = documents;
  }

  /**
   * Indexes the workspace folders from scratch, the files nearest {@code near} (folders of open
   * documents) first, so that the memory or file cap, when reached, leaves out the far ones.
   */
  public void build(List<Path> workspaceRoots, List<Path> near, Progress progress) {
    long started = System.nanoTime();
    Settings.Context context = settings.get();
    List<Path> normalized =
        workspaceRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    roots = normalized;
    Map<Path, IgnoreRules> rules = new ConcurrentHashMap<>();
    List<Path> candidates = new ArrayList<>();
    for (Path root : normalized) {
      if (Files.isDirectory(root)) {
        IgnoreRules atRoot = IgnoreRules.atRoot(root, context.exclude());
        rules.put(root, atRoot);
        walk(root, atRoot, candidates, walkLimit(context));
      }
    }
    rootRules = Map.copyOf(rules);
    candidates.sort(Comparator.comparingInt(file -> distance(file, near)));
    progress.begin(candidates.size());
    int done = 0;
    int indexed = 0;
    for (Path file : candidates) {
      if (files.size() >= context.maxFiles() || overBudget(context)) {
        LOG.log(
            Level.WARNING,
            "Workspace index holds {0} of {1} files: its cap is reached (codestral.context.maxFiles {2},"
                + " maxMemoryMb {3}, about {4} MB used); the files nearest the open documents came first",
            files.size(),
            candidates.size(),
            context.maxFiles(),
            context.maxMemoryMb(),
            bytes.get() >> 20);
        budgetWarned = true;
        break;
      }
      if (index(file, context)) {
        indexed++;
      }
      if (++done % 500 == 0) {
        progress.report(done, candidates.size());
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.log(
        Level.INFO,
        "Workspace index: {0} files, {1} names, about {2} KB, in {3} ms",
        files.size(),
        byName.size(),
        bytes.get() >> 10,
        millis);
    progress.end(indexed, millis);
  }

  /**
   * How many candidate files a walk lists at most: a few times the file cap, so that a workspace
   * opened on a home folder does not list a million files before the nearest are picked.
   */
  private static int walkLimit(Settings.Context context) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1_000L, 4L * context.maxFiles()));
  }

  /** Depth-first over the folders, never entering an ignored one or following a link out. */
  private static void walk(Path root, IgnoreRules rootRules, List<Path> out, int limit) {
    Deque<Map.Entry<Path, IgnoreRules>> folders = new ArrayDeque<>();
    folders.push(Map.entry(root, rootRules));
    while (!folders.isEmpty()) {
      if (out.size() >= limit) {
        LOG.log(
            Level.WARNING,
            "Workspace index stops listing {0} at {1} files (4 x codestral.context.maxFiles)",
            root,
            limit);
        return;
      }
      Map.Entry<Path, IgnoreRules> next = folders.pop();
      Path folder = next.getKey();
      String relativeFolder = relative(root, folder);
      IgnoreRules rules =
          folder.equals(root)
              ? next.getValue()
              : next.getValue().forDirectory(folder, relativeFolder);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          boolean directory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
          if (rules.ignores(relativeFolder + name, name, directory)) {
            continue;
          }
          if (directory) {
            folders.push(Map.entry(entry, rules));
          } else if (Language.ofFileName(name) != null
              && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            out.add(entry);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.DEBUG, "Workspace index skips a folder it cannot list: {0}", folder);
      }
    }
  }

  /** A folder's path relative to its root, ending in "/" ("" for the root). */
  private static String relative(Path root, Path folder) {
    String relative = root.relativize(folder).toString().replace('\\', '/');
    return relative.isEmpty() ? "" : relative + "/";
  }

  /** How many folders apart a file is from the nearest of the open documents' folders. */
  private static int distance(Path file, List<Path> near) {
    int best = Integer.MAX_VALUE;
    Path folder = file.getParent();
    for (Path other : near) {
      int common = 0;
      int limit = Math.min(folder.getNameCount(), other.getNameCount());
      while (common < limit && folder.getName(common).equals(other.getName(common))) {
        common++;
      }
      best = Math.min(best, folder.getNameCount() - common + other.getNameCount() - common);
    }
    return best == Integer.MAX_VALUE ? folder.getNameCount() : best;
  }

  private boolean overBudget(Settings.Context context) {
    return bytes.get() > (long) context.maxMemoryMb() << 20;
  }

  /**
   * Re-reads a file that changed on disk or was saved; drops it when it is gone or no longer
   * indexable. Files outside the workspace folders are ignored.
   */
  public void refresh(Path changed) {
    Path file = changed.toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      return;
    }
    remove(file);
    Settings.Context context = settings.get();
    if (!Files.isRegularFile(file)
        || Language.ofFileName(file.getFileName().toString()) == null
        || ignoredOnTheWayDown(file, context)) {
      return;
    }
    if (files.size() >= context.maxFiles() || overBudget(context)) {
      if (!budgetWarned) {
        budgetWarned = true;
        LOG.log(
            Level.WARNING,
            "Workspace index is full (codestral.context.maxFiles / maxMemoryMb): {0} is left out",
            file);
      }
      return;
    }
    if (index(file, context)) {
      LOG.log(Level.DEBUG, "Workspace index re-read {0}", file);
    }
  }

  /**
   * Whether a path under one of the roots is ignored by any folder on its way down, or is outside
   * them.
   */
  private boolean ignoredOnTheWayDown(Path file, Settings.Context context) {
    for (Path root : roots) {
      if (!file.startsWith(root)) {
        continue;
      }
      IgnoreRules rules = rootRules.getOrDefault(root, IgnoreRules.atRoot(root, context.exclude()));
      Path folder = root;
      for (int i = root.getNameCount(); i < file.getNameCount(); i++) {
        Path entry = folder.resolve(file.getName(i));
        String name = entry.getFileName().toString();
        boolean directory = i < file.getNameCount() - 1;
        if (rules.ignores(relative(root, folder) + name, name, directory)) {
          return true;
        }
        if (directory) {
          folder = entry;
          rules = rules.forDirectory(folder, relative(root, folder));
        }
      }
      return false;
    }
    return true;
  }

  /** Forgets every file: the workspace context was turned off. */
  public void clear() {
    files.clear();
    byName.clear();
    byFileName.clear();
    byDirectory.clear();
    byPackage.clear();
    openSummaries.clear();
    bytes.set(0);
    budgetWarned = false;
  }

  /** Forgets a file, or every file under a deleted folder. */
  public void remove(Path gone) {
    String key = gone.toAbsolutePath().normalize().toString();
    List<String> dropped = new ArrayList<>();
    if (files.containsKey(key)) {
      dropped.add(key);
    } else {
      String prefix = key + java.io.File.separator;
      files.keySet().stream().filter(path -> path.startsWith(prefix)).forEach(dropped::add);
    }
    for (String path : dropped) {
      FileSummary summary = files.remove(path);
      if (summary == null) {
        continue;
      }
      for (int i = 0; i < summary.definitionCount(); i++) {
        PathLists.remove(byName, summary.name(i), path);
      }
      Path file = Path.of(path);
      PathLists.remove(byFileName, file.getFileName().toString(), path);
      PathLists.remove(byDirectory, String.valueOf(file.getParent()), path);
      PathLists.remove(byPackage, packageKey(summary), path);
      bytes.addAndGet(-(summary.estimatedBytes() + FILE_OVERHEAD_BYTES + path.length()));
    }
  }

  /** Reads and indexes one file; whether it was indexed. The rules are asked before any read. */
  private boolean index(Path file, Settings.Context context) {
    if (sensitive.test(file)) {
      return false;
    }
    Language language = Language.ofFileName(file.getFileName().toString());
    byte[] content;
    try {
      if (Files.size(file) > context.maxFileKb() * 1024L) {
        return false; // oversized: not even opened
      }
      LOG.log(Level.TRACE, "Workspace index reads {0}", file);
      content = reader.read(file, context.maxFileKb() * 1024);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Workspace index cannot read {0}", file);
      return false;
    }
    if (content == null || content.length > context.maxFileKb() * 1024 || isBinary(content)) {
      return false;
    }
    FileSummary summary = SourceScanner.scan(language, decode(content));
    String path = file.toString();
    files.put(path, summary);
    long added = summary.estimatedBytes() + FILE_OVERHEAD_BYTES + path.length();
    for (int i = 0; i < summary.definitionCount(); i++) {
      String name = summary.name(i);
      if (PathLists.add(byName, name, path)) {
        added += NAME_OVERHEAD_BYTES + name.length();
      }
    }
    PathLists.add(byFileName, file.getFileName().toString(), path);
    PathLists.add(byDirectory, String.valueOf(file.getParent()), path);
    if (!summary.packageName().isEmpty() && PathLists.add(byPackage, packageKey(summary), path)) {
      added += NAME_OVERHEAD_BYTES + summary.packageName().length();
    }
    bytes.addAndGet(added);
    return true;
  }

  private static boolean isBinary(byte[] content) {
    for (int i = 0; i < Math.min(content.length, BINARY_PROBE_BYTES); i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String decode(byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(content, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * The summary of an indexed file: of its open document when it is open, else as read from disk.
   */
  public Optional<FileSummary> summary(String path) {
    FileSummary onDisk = files.get(path);
    if (onDisk == null) {
      return Optional.empty();
    }
    Optional<DocumentSnapshot> open = documents.get(Path.of(path).toUri().toString());
    if (open.isEmpty()) {
      openSummaries.remove(path);
      return Optional.of(onDisk);
    }
    DocumentSnapshot snapshot = open.get();
    OpenSummary kept = openSummaries.get(path);
    if (kept != null && kept.snapshot() == snapshot) {
      return Optional.of(kept.summary());
    }
    if (snapshot.length() > settings.get().maxFileKb() * 1024) {
      return Optional.of(onDisk);
    }
    FileSummary fresh = SourceScanner.scan(onDisk.language(), snapshot.text());
    openSummaries.put(path, new OpenSummary(snapshot, fresh));
    return Optional.of(fresh);
  }

  /**
   * The summary of an indexed file as last read from disk, even when it is open: cheap, where a few
   * lines of drift do not matter (the class around a line, a field's declared type).
   */
  public Optional<FileSummary> indexedSummary(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** The files that define a name (at most a few dozen are returned), by absolute path. */
  public List<String> filesDefining(String name) {
    String[] paths = byName.get(name);
    return paths == null ? List.of() : List.of(paths);
  }

  /** Indexed files with this file name ({@code util.py}), by absolute path. */
  public List<String> filesNamed(String fileName) {
    String[] paths = byFileName.get(fileName);
    return paths == null ? List.of() : List.of(paths);
  }

  /** Indexed files directly in this folder, by absolute path. */
  public List<String> filesIn(String folder) {
    String[] paths = byDirectory.get(folder);
    return paths == null ? List.of() : List.of(paths);
  }

  /**
   * Indexed files of a language that declare this package ({@code package kotlinx.coroutines}),
   * wherever their folder: a Kotlin package spreads over source sets and need not follow folders.
   * At most a few dozen are returned.
   */
  public List<String> filesInPackage(Language language, String packageName) {
    String[] paths = byPackage.get(language + ":" + packageName);
    return paths == null ? List.of() : List.of(paths);
  }

  private static String packageKey(FileSummary summary) {
    return summary.language() + ":" + summary.packageName();
  }

  /**
   * Indexed files in folders whose path ends with {@code tail} ({@code /a/b}): a package's folder.
   */
  public List<String> filesNamedLike(String tail) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String[]> folder : byDirectory.entrySet()) {
      if (folder.getKey().replace('\\', '/').endsWith(tail)) {
        found.addAll(List.of(folder.getValue()));
      }
    }
    return found;
  }

  /** Whether a path is indexed. */
  public boolean contains(String path) {
    return files.containsKey(path);
  }

  public int fileCount() {
    return files.size();
  }

  /** The memory the index holds, by its own estimate. */
  public long estimatedBytes() {
    return bytes.get();
  }

  /** The workspace folders last built. */
  public List<Path> roots() {
    return roots;
  }
}
