package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.RecentActivity;
import codestral.lsp.workspace.FileSummary;
import codestral.lsp.workspace.ImportResolver;
import codestral.lsp.workspace.Language;
import codestral.lsp.workspace.SourceScanner;
import codestral.lsp.workspace.WorkspaceIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Definitions from the workspace index that the code at the cursor needs, as prompt text, in this
 * order of priority: the members of the receiver before the cursor ({@code helpers.}, {@code
 * StringUtils.}, {@code x.} when {@code x}'s type shows nearby or a class or module is named like
 * it, a call's result whose signature declares its type: {@link CallChains}; {@code self.} and bare
 * calls: the enclosing class's bases and theirs), the type's own members first; after {@code new},
 * the types of the current folder; the definitions of the identifiers near the cursor, nearest
 * first; the outlines of the other open documents; the outlines of the imported modules, resolved
 * to workspace files; the identifiers of the lines below the cursor rank the outlines too. Each
 * file's definitions go in as one block headed by its path in a comment: signature lines, with the
 * first doc line as a comment where the block is small or a definition was named; the most relevant
 * block last, next to the code being completed.
 *
 * <p>Never the current file's own definitions (the window shows the code around the cursor), never
 * a file the prompt excludes (asked again at each request, so a pattern added after indexing
 * holds), never a private definition of another file, never a line that looks like a secret. Costs
 * a few map lookups per identifier near the cursor and a bounded look back for declarations; the
 * imports of the current file are resolved again only when its first lines change.
 *
 * <p>Thread-safe.
 */
final class WorkspaceContext {
  private static final int HEAD_LINES = 300;
  private static final int QUERY_LINES = 12;

  /**
   * The lines after the cursor whose identifiers count too: the suffix is in the prompt as well.
   */
  private static final int SUFFIX_LINES = 6;

  private static final int QUERY_CHARS = 1_500;
  private static final int MAX_WORDS = 24;

  /** How far back a receiver's declared type is looked for. */
  private static final int TYPE_SEARCH_CHARS = 20_000;

  private static final int MAX_FILES_PER_WORD = 2;

  /** An outline's score for the members of the receiver's type: above any sharing of words. */
  private static final int FOCUS_FIRST = 1_000;

  /** The files a receiver's type may be defined in, its ancestors' included. */
  private static final int MAX_RECEIVER_FILES = 6;

  /** The base types followed up from the class around the cursor. */
  private static final int MAX_ANCESTORS = 6;

  /** Definitions each file of the current package gets before any gets more (Go, Kotlin). */
  private static final int SIBLING_SHARE = 6;

  /** Definitions of the whole package, ranked by the words at the cursor, taken before those. */
  private static final int PACKAGE_BEST = 12;

  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");

  /**
   * The identifier before a member access at the end of the text, type arguments allowed ({@code
   * Maps.<V>}).
   */
  private static final Pattern RECEIVER =
      Pattern.compile(
          "([A-Za-z_$][\\w$]*)\\s*(?:\\.|::|->)\\s*(?:<[^<>;]*(?:<[^<>;]*>[^<>;]*)*>\\s*)?[\\w$]*$");

  /** A constructor call being typed: {@code new |}. */
  private static final Pattern NEW = Pattern.compile("\\bnew\\s+[\\w$]*$");

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(?:class|interface|enum|record|struct)\\s");

  private final WorkspaceIndex index;
  private final ImportResolver resolver;
  private final CallChains chains;
  private final DocumentStore documents;

  /** The imports of the last document asked about, while its head stays the same. */
  private volatile Head lastHead;

  private record Head(
      String uri, String text, Language language, List<ImportResolver.Resolved> imports) {}

  /** A definition picked for the prompt: its file, its index in the file's summary. */
  private record Pick(String file, int definition, boolean withDoc) {
    Pick(String file, int definition) {
      this(file, definition, true);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Pick pick && pick.file.equals(file) && pick.definition == definition;
    }

    @Override
    public int hashCode() {
      return file.hashCode() * 31 + definition;
    }
  }

  WorkspaceContext(WorkspaceIndex index, DocumentStore documents) {
    this.index = index;
    this.documents = documents;
    this.resolver = new ImportResolver(index);
    this.chains = new CallChains(index);
  }

  /**
   * Private to its file: Java's and C#'s {@code private}, Python's and others' leading underscore.
   */
  private static boolean isPrivate(FileSummary.Definition definition, boolean inherited) {
    String signature = definition.signature();
    return signature.startsWith("private ")
        || signature.contains(" private ")
        || !inherited && definition.name().startsWith("_") && !definition.name().startsWith("__");
  }

  /** The context text, costing at most {@code budgetMilli}; empty when nothing fits or applies. */
  String collect(
      DocumentSnapshot current,
      int cursor,
      long budgetMilli,
      Predicate<String> excluded,
      WorkspaceRoots roots) {
    Path path = pathOf(current.uri());
    if (path == null || budgetMilli <= 0 || index.fileCount() == 0) {
      return "";
    }
    Language language = Language.ofFileName(path.getFileName().toString());
    if (language == null) {
      return "";
    }
    List<ImportResolver.Resolved> imports = imports(current, path, language);
    int line = current.lineOf(cursor);
    int start = Math.max(current.lineStart(Math.max(0, line - QUERY_LINES)), cursor - QUERY_CHARS);
    String before = current.text(Math.max(0, start), cursor);
    String after = current.text(cursor, current.lineEnd(line));
    List<String> words = wordsNearestFirst(before, after);
    // The lines below the cursor rank an outline's names too (the suffix is in the prompt), but
    // their identifiers do not bring definitions of their own: the budget goes to what is above.
    Set<String> wordParts = parts(words);
    String below =
        current.text(
            current.lineEnd(line),
            current.lineEnd(Math.min(current.lineCount() - 1, line + SUFFIX_LINES)));
    wordParts.addAll(parts(wordsNearestFirst("", below)));
    Set<String> importedFiles = new HashSet<>();
    imports.forEach(resolved -> importedFiles.addAll(resolved.files()));
    String self = path.toString();

    Packer packer = new Packer(current.languageId(), budgetMilli, roots);

    // 1. The receiver before the cursor: a module, a class, or a variable whose type shows nearby.
    // With no receiver, a bare call may be of a method the enclosing class inherits: its bases.
    Matcher receiver = RECEIVER.matcher(before);
    boolean hasReceiver = receiver.find();
    String wider = current.text(Math.max(0, cursor - TYPE_SEARCH_CHARS), cursor);
    // A call's result (new Builder().append(x).|): the type its signature returns.
    String resultType = hasReceiver ? null : chains.resultType(wider, self);
    if (resultType != null) {
      List<String> typeFiles = index.filesDefining(resultType);
      for (int i = 0; i < Math.min(MAX_FILES_PER_WORD, typeFiles.size()); i++) {
        String file = typeFiles.get(i);
        if (!file.equals(self) && !excluded.test(uriOf(file))) {
          packer.outline(file, wordParts, false, Set.of(resultType));
        }
      }
    } else if (hasReceiver
        || before.isEmpty()
        || !Character.isJavaIdentifierPart(before.charAt(before.length() - 1))) {
      String extension = path.getFileName().toString().replaceFirst("^[^.]*", "");
      String name = hasReceiver ? receiver.group(1) : "this";
      // A subclass calls its base's protected _members too.
      boolean inherited = SELF.contains(name);
      Set<String> focus = new HashSet<>();
      for (String file :
          receiverFiles(name, wider, imports, extension, new Place(self, line), focus)) {
        if (!file.equals(self) && !excluded.test(uriOf(file))) {
          packer.outline(file, wordParts, inherited, focus);
        }
      }
    }
    // 1b. After "new", the types of the current folder (same package: no import names them).
    if (NEW.matcher(before).find() && path.getParent() != null) {
      List<String> folder = new ArrayList<>(index.filesIn(path.getParent().toString()));
      folder.remove(self);
      folder.sort(
          (a, b) ->
              Integer.compare(
                  overlap(Path.of(b).getFileName().toString(), wordParts),
                  overlap(Path.of(a).getFileName().toString(), wordParts)));
      for (String file : folder) {
        if (packer.full()) {
          break;
        }
        if (!excluded.test(uriOf(file))) {
          packer.typeOf(file);
        }
      }
    }
    // 2. The identifiers near the cursor, nearest first.
    for (String word : words) {
      List<String> files = new ArrayList<>(index.filesDefining(word));
      files.remove(self);
      files.sort(
          (a, b) -> Integer.compare(rank(a, path, importedFiles), rank(b, path, importedFiles)));
      int count = 0;
      for (String file : files) {
        if (count == MAX_FILES_PER_WORD || packer.full()) {
          break;
        }
        if (!excluded.test(uriOf(file)) && packer.named(file, word)) {
          count++;
        }
      }
    }
    // 3. The outlines of the other open documents, most recently touched first: the user has them
    // open.
    Set<String> openFiles = new java.util.LinkedHashSet<>();
    for (RecentActivity activity : documents.recentActivity()) {
      Path open = pathOf(activity.uri());
      if (open != null
          && !open.toString().equals(self)
          && index.contains(open.toString())
          && Language.ofFileName(open.getFileName().toString()) == language) {
        openFiles.add(open.toString());
      }
    }
    for (String file : openFiles) {
      if (!packer.full() && !excluded.test(uriOf(file))) {
        packer.outline(file, wordParts);
      }
    }
    // 4. The outlines of the imported modules, those mentioned nearest the cursor first.
    List<ImportResolver.Resolved> ordered = new ArrayList<>(imports);
    ordered.sort((a, b) -> Integer.compare(mention(a.module(), words), mention(b.module(), words)));
    for (ImportResolver.Resolved resolved : ordered) {
      if (resolved.module().equals(ImportResolver.SAME_PACKAGE)) {
        // A package of many files: what shares words with the code at the cursor, from any of
        // them, first; then each file gets a few lines, so that one does not take all.
        List<String> siblings = new ArrayList<>();
        for (String file : resolved.files()) {
          if (!excluded.test(uriOf(file))) {
            siblings.add(file);
          }
        }
        packer.bestOf(siblings, wordParts, PACKAGE_BEST);
        for (String file : resolved.files()) {
          if (!packer.full() && !excluded.test(uriOf(file))) {
            packer.outline(file, wordParts, false, Set.of(), SIBLING_SHARE);
          }
        }
      }
      for (String file : resolved.files()) {
        if (!packer.full() && !excluded.test(uriOf(file))) {
          packer.outline(file, wordParts);
        }
      }
    }
    return packer.render();
  }

  /** Budgets the picks of one request and renders them, one header per file. */
  private final class Packer {
    private final String languageId;
    private final long budgetMilli;
    private final WorkspaceRoots roots;

    /** The picks by file, files in the order first picked (most relevant first). */
    private final Map<String, List<Pick>> chosen = new LinkedHashMap<>();

    private final Set<Pick> taken = new HashSet<>();

    /** The summaries read for this request, so each file's is looked up once. */
    private final Map<String, FileSummary> summaries = new HashMap<>();

    private long used;

    Packer(String languageId, long budgetMilli, WorkspaceRoots roots) {
      this.languageId = languageId;
      this.budgetMilli = budgetMilli;
      this.roots = roots;
    }

    boolean full() {
      return budgetMilli - used < 10_000;
    }

    /**
     * Adds as many of the file's definitions as fit, those sharing words with the cursor's first.
     */
    void outline(String file, Set<String> wordParts) {
      outline(file, wordParts, false, Set.of());
    }

    /** Adds the definitions of {@code name} in the file; whether any was added. */
    boolean named(String file, String name) {
      FileSummary summary = summary(file, summaries);
      if (summary == null) {
        return false;
      }
      boolean added = false;
      for (int i = 0; i < summary.definitionCount(); i++) {
        if (summary.name(i).equals(name) && !isPrivate(summary.definition(i), true)) {
          added |= add(file, summary, i);
        }
      }
      return added;
    }

    /** Adds the file's first type declaration that is not private, if it fits. */
    void typeOf(String file) {
      FileSummary summary = summary(file, summaries);
      if (summary == null) {
        return;
      }
      for (int i = 0; i < summary.definitionCount(); i++) {
        FileSummary.Definition definition = summary.definition(i);
        if (TYPE_DECLARATION.matcher(definition.signature()).find()) {
          if (!isPrivate(definition, false)) {
            add(file, summary, i, false);
          }
          return;
        }
      }
    }

    /**
     * {@link #outline(String, Set)}, with underscored names kept when {@code inherited}, and the
     * members of the {@code focus} types first (the receiver's: rich's console.py holds twenty
     * classes before {@code Console}).
     */
    void outline(String file, Set<String> wordParts, boolean inherited, Set<String> focus) {
      outline(file, wordParts, inherited, focus, Integer.MAX_VALUE);
    }

    /**
     * Across {@code files}, the public definitions whose names share words with the code at the
     * cursor, most words first (file order among equals), at most {@code limit}: a package's files
     * ranked as one, so the likely one is not behind dozens of others.
     */
    void bestOf(List<String> files, Set<String> wordParts, int limit) {
      record Scored(String file, FileSummary summary, int definition, int score) {}
      List<Scored> scored = new ArrayList<>();
      for (String file : files) {
        FileSummary summary = summary(file, summaries);
        if (summary == null) {
          continue;
        }
        for (int i = 0; i < summary.definitionCount(); i++) {
          if (isPrivate(summary.definition(i), false)) {
            continue;
          }
          int score = 0;
          for (String part : splitWords(summary.name(i))) {
            if (wordParts.contains(part)) {
              score++;
            }
          }
          if (score > 0) {
            scored.add(new Scored(file, summary, i, score));
          }
        }
      }
      scored.sort((a, b) -> Integer.compare(b.score(), a.score()));
      for (Scored pick : scored.subList(0, Math.min(limit, scored.size()))) {
        if (full()) {
          return;
        }
        add(pick.file(), pick.summary(), pick.definition(), false);
      }
    }

    /** {@link #outline(String, Set, boolean, Set)}, at most {@code limit} definitions. */
    void outline(
        String file, Set<String> wordParts, boolean inherited, Set<String> focus, int limit) {
      FileSummary summary = summary(file, summaries);
      if (summary == null) {
        return;
      }
      // The focus types' members, then names sharing words with the code at the cursor, then file
      // order; one overload of a name is enough to tell the model it exists, but a private one does
      // not hide a public one (a private field and its public getter of one name).
      int count = summary.definitionCount();
      List<Integer> order = new ArrayList<>(count);
      int[] scores = new int[count];
      boolean[] members = members(summary, focus);
      Set<String> names = new HashSet<>();
      for (int i = 0; i < count; i++) {
        String name = summary.name(i);
        // Another file cannot call what is private to this one.
        if (isPrivate(summary.definition(i), inherited) || !names.add(name)) {
          continue;
        }
        order.add(i);
        for (String part : splitWords(name)) {
          if (wordParts.contains(part)) {
            scores[i]++;
          }
        }
        if (members[i]) {
          scores[i] += FOCUS_FIRST;
        }
      }
      order.sort((a, b) -> Integer.compare(scores[b], scores[a]));
      // A small file keeps its doc lines: when all of it fits in half of what is left.
      long withDocs = 0;
      long half = (budgetMilli - used) / 2;
      for (int i = 0; i < order.size() && withDocs <= half; i++) {
        String text = lines(summary.definition(order.get(i)), true);
        withDocs += TokenEstimator.milliTokens(text, 0, text.length());
      }
      boolean docs = withDocs <= half;
      for (int i : order.subList(0, Math.min(limit, order.size()))) {
        if (full()) {
          return;
        }
        add(file, summary, i, docs);
      }
    }

    private boolean add(String file, FileSummary summary, int definition) {
      return add(file, summary, definition, true);
    }

    /** Adds one definition, with its doc line when {@code withDoc}; whether it fit. */
    private boolean add(String file, FileSummary summary, int definition, boolean withDoc) {
      Pick pick = new Pick(file, definition, withDoc);
      if (taken.contains(pick)) {
        return false;
      }
      String text = lines(summary.definition(definition), withDoc);
      if (text.isEmpty()) {
        return false;
      }
      long cost = TokenEstimator.milliTokens(text, 0, text.length());
      if (!chosen.containsKey(file)) {
        String header = header(file);
        cost +=
            TokenEstimator.milliTokens(header, 0, header.length())
                + TokenEstimator.milliTokens('\n');
      }
      if (used + cost > budgetMilli) {
        return false;
      }
      used += cost;
      taken.add(pick);
      chosen.computeIfAbsent(file, key -> new ArrayList<>()).add(pick);
      return true;
    }

    private String header(String file) {
      return CommentSyntax.line(languageId, roots.relativePath(uriOf(file))) + "\n";
    }

    /**
     * A definition as prompt lines: its doc as a comment, its signature; nothing that looks secret.
     */
    private String lines(FileSummary.Definition definition, boolean withDoc) {
      StringBuilder text = new StringBuilder();
      if (withDoc && !definition.doc().isEmpty() && !SecretLines.looksSecret(definition.doc())) {
        text.append(CommentSyntax.line(languageId, definition.doc())).append('\n');
      }
      // In an outline (no doc) the first line of a signature is enough: it names the definition.
      String signature =
          withDoc ? definition.signature() : definition.signature().split("\n", 2)[0];
      for (String line : signature.split("\n")) {
        if (SecretLines.looksSecret(line)) {
          return "";
        }
        text.append(line).append('\n');
      }
      return text.toString();
    }

    /** The blocks, most relevant (picked first) last; each file's definitions in file order. */
    String render() {
      List<String> files = new ArrayList<>(chosen.keySet());
      StringBuilder context = new StringBuilder();
      for (int f = files.size() - 1; f >= 0; f--) {
        String file = files.get(f);
        FileSummary summary = summaries.get(file);
        TreeMap<Integer, Pick> byLine = new TreeMap<>();
        for (Pick pick : chosen.get(file)) {
          byLine.put(
              summary.definition(pick.definition()).line() * 4096 + pick.definition() % 4096, pick);
        }
        context.append(header(file));
        for (Pick pick : byLine.values()) {
          context.append(lines(summary.definition(pick.definition()), pick.withDoc()));
        }
        context.append('\n');
      }
      return context.toString();
    }
  }

  private FileSummary summary(String file, Map<String, FileSummary> summaries) {
    FileSummary known = summaries.get(file);
    if (known == null) {
      known = index.summary(file).orElse(null);
      if (known != null) {
        summaries.put(file, known);
      }
    }
    return known;
  }

  /** The current file's resolved imports, scanned again only when its first lines change. */
  private List<ImportResolver.Resolved> imports(
      DocumentSnapshot current, Path path, Language language) {
    int headEnd =
        current.lineCount() > HEAD_LINES ? current.lineStart(HEAD_LINES) : current.length();
    String head = current.text(0, headEnd);
    Head kept = lastHead;
    if (kept != null && kept.uri().equals(current.uri()) && kept.text().equals(head)) {
      return kept.imports();
    }
    FileSummary summary = SourceScanner.scan(language, head);
    List<ImportResolver.Resolved> resolved =
        resolver.resolve(path, language, summary.imports(), summary.packageName());
    lastHead = new Head(current.uri(), head, language, resolved);
    return resolved;
  }

  /**
   * The files that define what a receiver is: the imported module of that name, else the class of
   * that name, else the type the text before declares it with, else a class named like it ({@code
   * console} → {@code Console}); for {@code self}/{@code this}/{@code super}, the enclosing class's
   * base types and theirs. Adds to {@code focus} the type names it looked for, whose members the
   * outlines put first.
   */
  private List<String> receiverFiles(
      String name,
      String before,
      List<ImportResolver.Resolved> imports,
      String extension,
      Place place,
      Set<String> focus) {
    List<String> files = new ArrayList<>(filesOfModule(name, imports));
    if (!SELF.contains(name) && !extension.isEmpty()) {
      // A response (or responses, retries) is often an instance of what response.py (retry.py)
      // defines.
      String singular =
          name.endsWith("ies") && name.length() > 4
              ? name.substring(0, name.length() - 3) + "y"
              : name.endsWith("s") && name.length() > 3
                  ? name.substring(0, name.length() - 1)
                  : name;
      for (String stem : List.of(name, singular)) {
        List<String> named = new ArrayList<>(index.filesNamed(stem + extension));
        if (named.size() <= 2) {
          named.stream().filter(file -> !files.contains(file)).forEach(files::add);
        }
      }
    }
    if (!SELF.contains(name) && Character.isUpperCase(name.charAt(0)) && !isConstantName(name)) {
      // A class named outright (StringUtils.): no need to look further back for a declaration.
      index.filesDefining(name).stream().filter(file -> !files.contains(file)).forEach(files::add);
      if (!files.isEmpty()) {
        focus.add(name);
        return files;
      }
    }
    List<String> types = new ArrayList<>();
    if (SELF.contains(name)) {
      types.addAll(ancestors(before, place));
    } else {
      types.add(name);
      String declared = declaredType(name, before, place);
      if (declared != null) {
        types.add(declared);
      }
      types.add(capitalized(name));
      List<String> parts = splitWords(name);
      if (parts.size() > 1) {
        types.add(capitalized(parts.get(parts.size() - 1)));
      }
    }
    for (String type : types) {
      if (type.isEmpty() || !Character.isUpperCase(type.charAt(0))) {
        continue;
      }
      focus.add(type);
      for (String file : index.filesDefining(type)) {
        if (!files.contains(file)) {
          files.add(file);
        }
      }
      if (files.size() >= MAX_RECEIVER_FILES) {
        break;
      }
    }
    return files;
  }

  private static final Set<String> SELF = Set.of("self", "this", "super", "cls", "Self");
  private static final Pattern PYTHON_CLASS =
      Pattern.compile("(?m)^\\s*class\\s+\\w+\\s*\\(([^)]*)\\)");
  private static final Pattern EXTENDS =
      Pattern.compile(
          "\\bclass\\s+\\w+(?:<[^>{]*>)?(?:\\s*\\([^)]*\\))?\\s*(?:extends|:)\\s+([^{]*)\\{");

  /**
   * Which of a file's definitions are one of the {@code types} or its members: those after its
   * declaration indented deeper than it, up to the next one that is not.
   */
  private static boolean[] members(FileSummary summary, Set<String> types) {
    boolean[] inside = new boolean[summary.definitionCount()];
    int typeIndent = -1;
    for (int i = 0; i < inside.length && !types.isEmpty(); i++) {
      int indent = summary.indent(i);
      if (typeIndent >= 0 && indent > typeIndent) {
        inside[i] = true;
        continue;
      }
      typeIndent = -1;
      if (types.contains(summary.name(i))
          && TYPE_DECLARATION.matcher(summary.definition(i).signature()).find()) {
        typeIndent = indent;
        inside[i] = true;
        continue;
      }
      // A Go method is declared outside its type: func (c *Command) Name(.
      Matcher method = GO_METHOD.matcher(summary.definition(i).signature());
      inside[i] = method.lookingAt() && types.contains(method.group(1));
    }
    return inside;
  }

  /** A Go method's receiver type: {@code Command} in {@code func (c *Command) Name(}. */
  private static final Pattern GO_METHOD =
      Pattern.compile("func\\s*\\(\\s*(?:\\w+\\s+)?\\*?\\s*(\\w+)");

  /** Where the cursor is: the current file's path (as indexed) and line. */
  private record Place(String file, int line) {}

  /** {@code DOTS_MATCHER}, {@code MAX}: a constant, not a class. */
  private static boolean isConstantName(String name) {
    return name.length() > 1 && name.equals(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The type a variable is declared with: in the text before the cursor, else where the current
   * file declares it as a field or constant (far above: its indexed definition).
   */
  private String declaredType(String name, String before, Place place) {
    String declared = typeOf(name, before);
    if (declared != null) {
      return declared;
    }
    FileSummary own = index.indexedSummary(place.file()).orElse(null);
    if (own != null) {
      for (int i = 0; i < own.definitionCount(); i++) {
        if (own.isNamed(i, name)) {
          declared = typeOf(name, own.definition(i).signature());
          if (declared != null) {
            return declared;
          }
        }
      }
    }
    return null;
  }

  /**
   * The base types of the class around the cursor (declared in the text before, else the last type
   * the current file's indexed definitions declare above the cursor's line), then their bases in
   * turn, nearest first: a bare call may be of a method inherited from two levels up.
   */
  private List<String> ancestors(String before, Place place) {
    List<String> found = new ArrayList<>(baseTypes(before));
    if (found.isEmpty()) {
      FileSummary own = index.indexedSummary(place.file()).orElse(null);
      String enclosing = null;
      for (int i = 0;
          own != null && i < own.definitionCount() && own.line(i) <= place.line();
          i++) {
        // A type's name starts with a capital in the languages that have classes.
        if (Character.isUpperCase(own.name(i).charAt(0))) {
          String signature = own.definition(i).signature();
          if (TYPE_DECLARATION.matcher(signature).find()) {
            enclosing = signature;
          }
        }
      }
      if (enclosing != null) {
        found.addAll(baseTypes(enclosing));
      }
    }
    for (int at = 0; at < found.size() && found.size() < MAX_ANCESTORS; at++) {
      String type = found.get(at);
      List<String> files = index.filesDefining(type);
      for (String file : files.subList(0, Math.min(MAX_FILES_PER_WORD, files.size()))) {
        FileSummary summary = index.indexedSummary(file).orElse(null);
        for (int i = 0; summary != null && i < summary.definitionCount(); i++) {
          if (summary.isNamed(i, type)
              && TYPE_DECLARATION.matcher(summary.definition(i).signature()).find()) {
            baseTypes(summary.definition(i).signature()).stream()
                .filter(base -> !found.contains(base))
                .forEach(found::add);
          }
        }
      }
    }
    return found;
  }

  /**
   * An anonymous subclass, {@code new AbstractService() { ... }}: its body calls the base's methods
   * bare.
   */
  private static final Pattern ANONYMOUS_CLASS =
      Pattern.compile("\\bnew\\s+([A-Z][\\w$.]*(?:<[^<>(]*>)?)\\s*\\([^()]*\\)\\s*\\{");

  /** The base types of the last class (or anonymous subclass) declared before the cursor. */
  private static List<String> baseTypes(String before) {
    List<String> bases = new ArrayList<>();
    String last = null;
    int lastAt = -1;
    for (Pattern pattern : List.of(PYTHON_CLASS, EXTENDS, ANONYMOUS_CLASS)) {
      Matcher found = pattern.matcher(before);
      while (found.find()) {
        if (found.start() > lastAt) {
          lastAt = found.start();
          last = found.group(1);
        }
      }
    }
    if (last != null) {
      for (String base : last.split("[,<>()\\s]+|\\bimplements\\b|\\bextends\\b")) {
        String simple = base.substring(base.lastIndexOf('.') + 1).strip();
        if (!simple.isEmpty()) {
          bases.add(simple);
        }
      }
    }
    return bases;
  }

  /** {@code live_render} → {@code LiveRender}, {@code console} → {@code Console}. */
  private static String capitalized(String name) {
    StringBuilder type = new StringBuilder();
    for (String part : name.split("_")) {
      if (!part.isEmpty()) {
        type.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return type.toString();
  }

  /** Imported files whose module's last segment (or alias stem) is {@code name}. */
  private static List<String> filesOfModule(String name, List<ImportResolver.Resolved> imports) {
    List<String> files = new ArrayList<>();
    for (ImportResolver.Resolved resolved : imports) {
      String module = resolved.module();
      String last =
          module.substring(
              Math.max(
                      Math.max(module.lastIndexOf('.'), module.lastIndexOf('/')),
                      module.lastIndexOf(':'))
                  + 1);
      if (last.equals(name)) {
        files.addAll(resolved.files());
        continue;
      }
      for (String file : resolved.files()) {
        String stem = Path.of(file).getFileName().toString().replaceFirst("\\..*$", "");
        if (stem.equals(name)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /** The type of a variable where the text before the cursor declares it plainly, or null. */
  static String typeOf(String variable, String before) {
    String name = Pattern.quote(variable);
    for (Pattern pattern :
        List.of(
            Pattern.compile("\\b" + name + "\\s*:\\s*([A-Z][\\w$]*)"),
            Pattern.compile("\\b" + name + "\\s*:?=\\s*(?:new\\s+|&)?([A-Z][\\w$]*)\\s*[({]"),
            // Java's for-each too: for (Entry<K, V> entry : entries)
            Pattern.compile("\\b([A-Z][\\w$]*)(?:<[^>]*>)?\\s+\\**" + name + "\\s*[=;,):]"),
            // Go's parameters and receivers: (c *Command), (cmd *cobra.Command, args []string)
            Pattern.compile("[(,]\\s*" + name + "\\s+\\*?(?:[a-z]\\w*\\.)?([A-Z]\\w*)\\s*[,)]"))) {
      Matcher found = pattern.matcher(before);
      String last = null;
      while (found.find()) {
        last = found.group(1);
      }
      if (last != null) {
        return last;
      }
    }
    return null;
  }

  /** Imported files first, then files in the same folder, then the rest. */
  private static int rank(String file, Path current, Set<String> imported) {
    if (imported.contains(file)) {
      return 0;
    }
    Path folder = current.getParent();
    return folder != null && file.startsWith(folder.toString()) ? 1 : 2;
  }

  /** Where a module's last segment is among the words near the cursor (its index), else far. */
  private static int mention(String module, List<String> words) {
    String last =
        module.substring(
            Math.max(
                    Math.max(module.lastIndexOf('.'), module.lastIndexOf('/')),
                    module.lastIndexOf(':'))
                + 1);
    int at = words.indexOf(last);
    return at < 0 ? Integer.MAX_VALUE : at;
  }

  /** The distinct identifiers of the text around the cursor, nearest first. */
  static List<String> wordsNearestFirst(String before, String after) {
    LinkedHashMap<String, Integer> lastSeen = new LinkedHashMap<>();
    Matcher found = WORD.matcher(before);
    while (found.find()) {
      lastSeen.put(found.group(), before.length() - found.end());
    }
    Matcher rest = WORD.matcher(after);
    while (rest.find()) {
      lastSeen.merge(rest.group(), rest.start(), Math::min);
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(lastSeen.entrySet());
    entries.sort(Map.Entry.comparingByValue());
    List<String> words = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : entries) {
      String word = entry.getKey();
      if (word.length() > 1 && !Character.isDigit(word.charAt(0)) && !isCommonWord(word)) {
        words.add(word);
        if (words.size() == MAX_WORDS) {
          break;
        }
      }
    }
    return words;
  }

  private static final Set<String> COMMON =
      Set.of(
          "self",
          "this",
          "true",
          "false",
          "null",
          "None",
          "True",
          "False",
          "nil",
          "def",
          "class",
          "return",
          "import",
          "from",
          "const",
          "let",
          "var",
          "function",
          "public",
          "private",
          "static",
          "final",
          "void",
          "int",
          "new",
          "if",
          "else",
          "for",
          "while",
          "in",
          "of",
          "and",
          "or",
          "not",
          "is",
          "fn",
          "func",
          "pub",
          "String",
          "string",
          "boolean",
          "bool",
          "Object",
          "end",
          "do",
          "then",
          "elif",
          "try",
          "catch",
          "except");

  private static boolean isCommonWord(String word) {
    return COMMON.contains(word);
  }

  /**
   * How many word parts of a name (a file name, its extension dropped) the cursor's words share.
   */
  private static int overlap(String name, Set<String> wordParts) {
    int score = 0;
    for (String part : splitWords(name.replaceFirst("\\..*$", ""))) {
      if (wordParts.contains(part)) {
        score++;
      }
    }
    return score;
  }

  /** Lower-case word parts of identifiers: {@code parseHttpUrl} → parse, http, url. */
  private static Set<String> parts(List<String> words) {
    Set<String> parts = new HashSet<>();
    for (String word : words) {
      parts.addAll(splitWords(word));
    }
    return parts;
  }

  static List<String> splitWords(String identifier) {
    List<String> parts = new ArrayList<>(4);
    int start = 0;
    for (int i = 1; i <= identifier.length(); i++) {
      boolean boundary =
          i == identifier.length()
              || identifier.charAt(i) == '_'
              || Character.isUpperCase(identifier.charAt(i))
                  && !Character.isUpperCase(identifier.charAt(i - 1));
      if (boundary) {
        if (i - start > 1) {
          parts.add(identifier.substring(start, i).replace("_", "").toLowerCase(Locale.ROOT));
        }
        start = i;
      }
    }
    return parts;
  }

  private static Path pathOf(String uri) {
    try {
      URI parsed = URI.create(uri);
      return "file".equals(parsed.getScheme()) ? Path.of(parsed) : null;
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }

  private static String uriOf(String file) {
    return Path.of(file).toUri().toString();
  }
}
