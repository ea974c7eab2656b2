package codestral.lsp.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which paths are not indexed, as git decides which files it lists: the patterns of each folder's
 * {@code .gitignore} (and {@code .codestralignore}), of {@code .git/info/exclude} and of the user's
 * {@code codestral.context.exclude}, the last matching pattern winning and {@code !} re-including;
 * plus the vendored and generated trees every project has ({@code node_modules}, {@code target},
 * {@code build}, {@code dist}, virtual environments, …) and hidden folders.
 *
 * <p>Immutable: a folder's rules are its parent's with its own ignore files appended.
 */
final class IgnoreRules {
  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(
          "node_modules",
          "bower_components",
          "jspm_packages",
          "target",
          "build",
          "dist",
          "out",
          "bin",
          "obj",
          "venv",
          "env",
          "__pycache__",
          "site-packages",
          "vendor",
          "third_party",
          "Pods",
          "coverage",
          "generated",
          "gen",
          "DerivedData",
          "CMakeFiles",
          "cmake-build-debug",
          "cmake-build-release");
  private static final List<String> IGNORE_FILES = List.of(".gitignore", ".codestralignore");

  /**
   * One pattern: where its file sits (relative, "" at the root, else ending in "/"), and its regex.
   */
  private record Rule(String base, Pattern pattern, boolean negated, boolean directoryOnly) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * The rules at a workspace root: {@code .git/info/exclude}, the user's globs, the root's ignore
   * files.
   */
  static IgnoreRules atRoot(Path root, List<String> userGlobs) {
    IgnoreRules rules = new IgnoreRules(List.of()).with("", userGlobs);
    rules = rules.with("", readLines(root.resolve(".git").resolve("info").resolve("exclude")));
    return rules.forDirectory(root, "");
  }

  /**
   * These rules with the ignore files of {@code directory} (at {@code relative}, "" or ending in
   * "/").
   */
  IgnoreRules forDirectory(Path directory, String relative) {
    IgnoreRules rules = this;
    for (String name : IGNORE_FILES) {
      Path file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        rules = rules.with(relative, readLines(file));
      }
    }
    return rules;
  }

  private IgnoreRules with(String base, List<String> lines) {
    if (lines.isEmpty()) {
      return this;
    }
    List<Rule> combined = new ArrayList<>(rules);
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      // A pattern with a slash (other than a trailing one) is anchored at its file's folder.
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
      combined.add(new Rule(base, Pattern.compile(regex), negated, directoryOnly));
    }
    return new IgnoreRules(List.copyOf(combined));
  }

  /** Whether the path (relative to the root, with "/") is ignored; folders by their own name. */
  boolean ignores(String relative, String name, boolean directory) {
    if (directory && (SKIPPED_DIRECTORIES.contains(name) || name.startsWith("."))) {
      return true;
    }
    if (!directory
        && (name.endsWith(".min.js") || name.endsWith(".bundle.js") || name.endsWith(".min.css"))) {
      return true;
    }
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.directoryOnly() && !directory || !relative.startsWith(rule.base())) {
        continue;
      }
      if (rule.pattern().matcher(relative.substring(rule.base().length())).matches()) {
        ignored = !rule.negated();
      }
    }
    return ignored;
  }

  private static List<String> readLines(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) < 256 * 1024) {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // An unreadable ignore file ignores nothing more.
    }
    return List.of();
  }

  /**
   * A gitignore glob as a regex: {@code *} and {@code ?} stay within a folder, {@code **} crosses
   * them.
   */
  static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            regex.append("(?:.*/)?");
          } else {
            regex.append(".*");
          }
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          regex.append("\\[");
        } else {
          String set = glob.substring(i + 1, close).replace("\\", "\\\\");
          regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
          i = close;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    // A pattern naming a folder also covers everything below it.
    return regex.append("(?:/.*)?").toString();
  }
}
