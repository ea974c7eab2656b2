package codestral.lsp.prompt;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Files that must never reach the model: no completion is asked inside them and they are never used
 * as context. Patterns are globs ({@code *}, {@code **}, {@code ?}, {@code {a,b}}) matched
 * case-insensitively against the file name, or, when they contain a {@code /}, against the end of
 * the path.
 *
 * <p>The default patterns are {@code Settings.Prompt#DEFAULT_EXCLUDED_FILES}. What can go wrong: a
 * pattern list the user sets replaces the defaults, so a user who lists only {@code *.secret}
 * un-protects {@code .env}; README says so next to the setting.
 */
public final class SensitiveFiles {
  private final List<Pattern> namePatterns = new ArrayList<>();
  private final List<Pattern> pathPatterns = new ArrayList<>();

  public SensitiveFiles(List<String> globs) {
    for (String glob : globs) {
      String normalized = glob.strip().toLowerCase(Locale.ROOT);
      if (normalized.isEmpty()) {
        continue;
      }
      if (normalized.contains("/")) {
        String anchored = normalized.startsWith("/") ? normalized.substring(1) : normalized;
        pathPatterns.add(Pattern.compile("(?:.*/)?" + toRegex(anchored)));
      } else {
        namePatterns.add(Pattern.compile(toRegex(normalized)));
      }
    }
  }

  /** The last URI asked about and the answer: completions ask again and again for one document. */
  private volatile Answer last;

  private static final class Answer {
    final String uri;
    final boolean matches;

    Answer(String uri, boolean matches) {
      this.uri = uri;
      this.matches = matches;
    }
  }

  /** Whether the document at this URI matches any pattern. */
  public boolean matches(String uri) {
    Answer answered = last;
    if (answered != null && answered.uri.equals(uri)) {
      return answered.matches;
    }
    boolean matches = matchesAny(uri);
    last = new Answer(uri, matches);
    return matches;
  }

  private boolean matchesAny(String uri) {
    String path = pathOf(uri).toLowerCase(Locale.ROOT).replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1);
    for (Pattern pattern : namePatterns) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    for (Pattern pattern : pathPatterns) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The decoded path of a URI, or the URI itself when it has none (untitled:, opaque). */
  static String pathOf(String uri) {
    try {
      String path = URI.create(uri).getPath();
      if (path != null && !path.isEmpty()) {
        return path;
      }
    } catch (IllegalArgumentException e) {
      // Not a valid URI (some clients send raw paths): match on the raw text.
    }
    return uri;
  }

  /** A glob as an anchored regular expression; {@code *} and {@code ?} stop at {@code /}. */
  static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++; // "**/" also matches no folder at all
            regex.append("/?");
          }
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '{') {
        inGroup = true;
        regex.append("(?:");
      } else if (c == '}' && inGroup) {
        inGroup = false;
        regex.append(')');
      } else if (c == ',' && inGroup) {
        regex.append('|');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
