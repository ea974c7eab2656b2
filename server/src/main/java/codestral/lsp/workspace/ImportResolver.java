package codestral.lsp.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves what a file imports to the indexed files that define it, per language: relative and
 * package imports alike ({@code from .util import f}, {@code import './util'}, {@code import
 * a.b.C;}, {@code "a/b.h"}, {@code use crate::a::b}, {@code require_relative 'x'}, a Go package's
 * folder, a C# namespace's files). Imports of libraries outside the workspace resolve to nothing.
 */
public final class ImportResolver {
  private static final List<String> SCRIPT_EXTENSIONS =
      List.of(".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts");

  /** Files of one import at most: a wildcard or a Go package can name a whole folder. */
  private static final int MAX_FILES_PER_IMPORT = 12;

  private final WorkspaceIndex index;

  public ImportResolver(WorkspaceIndex index) {
    this.index = index;
  }

  /** One import, resolved: the module as written and the files it names. */
  public record Resolved(String module, List<String> files) {}

  /** Each import of a file that resolves to indexed files, in the file's order. */
  public List<Resolved> resolve(Path file, Language language, List<String> imports) {
    return resolve(file, language, imports, "");
  }

  /**
   * The same, and for Go and Kotlin the other files of the file's package: those in its folder,
   * then (Kotlin) those elsewhere that declare {@code packageName}.
   */
  public List<Resolved> resolve(
      Path file, Language language, List<String> imports, String packageName) {
    List<Resolved> resolved = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String module : imports) {
      List<String> files = new ArrayList<>();
      for (String candidate : files(file, language, module)) {
        if (!candidate.equals(file.toString())
            && seen.add(candidate)
            && files.size() < MAX_FILES_PER_IMPORT) {
          files.add(candidate);
        }
      }
      if (!files.isEmpty()) {
        resolved.add(new Resolved(module, files));
      }
    }
    // Go and Kotlin call what the other files of their package define with no import at all.
    Path folder = file.getParent();
    if ((language == Language.GO || language == Language.KOTLIN) && folder != null) {
      List<String> siblings = new ArrayList<>();
      List<String> candidates = new ArrayList<>(index.filesIn(folder.toString()));
      if (language == Language.KOTLIN && !packageName.isEmpty()) {
        candidates.addAll(index.filesInPackage(language, packageName));
      }
      for (String candidate : candidates) {
        if (!candidate.equals(file.toString())
            && Language.ofFileName(Path.of(candidate).getFileName().toString()) == language
            && seen.add(candidate)) {
          siblings.add(candidate);
        }
      }
      // What tests define is called by tests only: the package's code first.
      siblings.sort(Comparator.comparing(sibling -> sibling.endsWith("_test.go")));
      if (!siblings.isEmpty()) {
        resolved.add(new Resolved(SAME_PACKAGE, siblings));
      }
    }
    return resolved;
  }

  /** The module name of the files of the current file's own package (Go, Kotlin). */
  public static final String SAME_PACKAGE = ".";

  private List<String> files(Path file, Language language, String module) {
    Path folder = file.getParent();
    return switch (language) {
      case PYTHON -> python(folder, module);
      case JAVASCRIPT -> script(folder, module);
      case JAVA, KOTLIN -> jvm(module);
      case GO -> folderEndingWith(module.replace('\\', '/'));
      case RUST -> rust(folder, module);
      case C_CPP -> relativeOrSuffix(folder, module);
      case CSHARP -> namespace(module);
      case RUBY ->
          module.startsWith("./")
              ? existing(
                  folder.resolve(module.substring(2) + (module.endsWith(".rb") ? "" : ".rb")))
              : bySuffix(module.endsWith(".rb") ? module : module + ".rb");
      case PHP ->
          module.contains("\\")
              ? bySuffix(
                  lastSegments(module.replace('\\', '/'), 2) + ".php",
                  module.substring(module.lastIndexOf('\\') + 1) + ".php")
              : relativeOrSuffix(folder, module);
    };
  }

  private List<String> python(Path folder, String module) {
    if (module.startsWith(".")) {
      int dots = 0;
      while (dots < module.length() && module.charAt(dots) == '.') {
        dots++;
      }
      Path base = folder;
      for (int i = 1; i < dots && base != null; i++) {
        base = base.getParent();
      }
      if (base == null) {
        return List.of();
      }
      String rest = module.substring(dots).replace('.', '/');
      Path target = rest.isEmpty() ? base : base.resolve(rest);
      List<String> found = new ArrayList<>(existing(Path.of(target + ".py")));
      found.addAll(existing(target.resolve("__init__.py")));
      return found;
    }
    String path = module.replace('.', '/');
    List<String> found = new ArrayList<>(bySuffix(path + ".py", path + ".pyi"));
    found.addAll(bySuffix(path + "/__init__.py"));
    return found;
  }

  private List<String> script(Path folder, String module) {
    if (!module.startsWith(".")) {
      // A path alias (@/x, ~/x, src/x) or a package: the workspace's own files by their path's end.
      String stripped = module.replaceFirst("^(@/|~/|@[\\w.-]+/)", "");
      List<String> found = new ArrayList<>();
      for (String extension : SCRIPT_EXTENSIONS) {
        found.addAll(bySuffix(stripped + extension));
        if (!found.isEmpty()) {
          break;
        }
      }
      return found;
    }
    Path target = folder.resolve(module).normalize();
    String base = target.toString();
    // ESM TypeScript imports "./x.js" for the source "./x.ts".
    String withoutExtension = base.replaceFirst("\\.(m|c)?js$", "");
    List<String> found = new ArrayList<>(existing(target));
    for (String extension : SCRIPT_EXTENSIONS) {
      found.addAll(existing(Path.of(withoutExtension + extension)));
      found.addAll(existing(Path.of(base, "index" + extension)));
    }
    return found;
  }

  private List<String> jvm(String module) {
    if (module.endsWith(".*")) {
      return folderEndingWith(module.substring(0, module.length() - 2).replace('.', '/'));
    }
    String path = module.replace('.', '/');
    List<String> found = bySuffix(path + ".java", path + ".kt");
    if (found.isEmpty() && path.contains("/")) {
      // A static import names a member: its class is one segment up.
      String owner = path.substring(0, path.lastIndexOf('/'));
      found = bySuffix(owner + ".java", owner + ".kt");
    }
    return found;
  }

  private List<String> rust(Path folder, String module) {
    if (module.startsWith("mod ")) {
      String name = module.substring(4);
      List<String> found = new ArrayList<>(existing(folder.resolve(name + ".rs")));
      found.addAll(existing(folder.resolve(name).resolve("mod.rs")));
      return found;
    }
    List<String> segments = new ArrayList<>(List.of(module.split("::")));
    if (!segments.isEmpty() && List.of("crate", "self", "super").contains(segments.get(0))) {
      segments.remove(0);
    }
    // use a::b::C names an item of a/b.rs (or a/b/mod.rs), or of a.rs: the longest path that
    // exists.
    for (int length = segments.size(); length > 0; length--) {
      String path = String.join("/", segments.subList(0, length));
      List<String> found = bySuffix(path + ".rs", path + "/mod.rs");
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private List<String> relativeOrSuffix(Path folder, String module) {
    List<String> found = existing(folder.resolve(module).normalize());
    return found.isEmpty() ? bySuffix(module.replaceFirst("^(\\./|/)", "")) : found;
  }

  private List<String> namespace(String module) {
    return folderEndingWith(module.replace('.', '/'));
  }

  /**
   * The files of folders whose path ends with {@code path} (tried by its last two, then one,
   * segments).
   */
  private List<String> folderEndingWith(String path) {
    for (int segments = 2; segments >= 1; segments--) {
      String tail = "/" + lastSegments(path, segments);
      List<String> found = new ArrayList<>();
      for (String file : index.filesNamedLike(tail)) {
        found.add(file);
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static String lastSegments(String path, int count) {
    String[] parts = path.split("/");
    int from = Math.max(0, parts.length - count);
    return String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length));
  }

  /** Indexed files whose path ends with one of the suffixes ({@code a/b/c.py}). */
  private List<String> bySuffix(String... suffixes) {
    List<String> found = new ArrayList<>();
    for (String suffix : suffixes) {
      String name = suffix.substring(suffix.lastIndexOf('/') + 1);
      String tail = "/" + suffix;
      for (String file : index.filesNamed(name)) {
        if (file.replace('\\', '/').endsWith(tail)) {
          found.add(file);
        }
      }
    }
    return found;
  }

  private List<String> existing(Path file) {
    String path = file.toString();
    return index.contains(path) ? List.of(path) : List.of();
  }
}
