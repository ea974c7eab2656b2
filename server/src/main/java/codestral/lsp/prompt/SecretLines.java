package codestral.lsp.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops the lines of a cross-file snippet that look like secrets, so that a key pasted into some
 * other open file does not travel with the context.
 *
 * <p>Three signs: an assignment to a name that says password, secret, token or key, of a literal
 * value; a private-key block; a long token with the randomness of a generated key (or the prefix of
 * a well-known one). It errs on the side of dropping: a lost line of context costs little, a leaked
 * key costs a lot. It is a net, not a guarantee: the document being edited is sent as it is, only
 * snippets of other documents are filtered.
 */
final class SecretLines {
  /** Words that, in a name, say its value is a secret. */
  private static final Pattern SENSITIVE_NAME =
      Pattern.compile(
          "password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key"
              + "|auth[_-]?key|private[_-]?key|credential|bearer");

  /** {@code API_TOKEN=…}, {@code export DB_PASSWORD=…}, {@code password: …} at a line's start. */
  private static final Pattern LEADING_ASSIGNMENT =
      Pattern.compile("^\\s*(?:export\\s+)?([\\w.-]+)[\"']?\\s*[:=]\\s*\\S");

  /** {@code "apiKey": "…"}, {@code password = "…"} anywhere. */
  private static final Pattern QUOTED_ASSIGNMENT =
      Pattern.compile("([\\w.-]+)[\"']?\\s*(?::|=|:=|=>)\\s*[\"'][^\"'\\s]{4,}");

  private static final Pattern BEGIN_PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern END_BLOCK = Pattern.compile("-----END [A-Z0-9 ]*-----");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_.\\-]{20,}");
  private static final Pattern KNOWN_PREFIX =
      Pattern.compile(
          "^(?:sk-|sk_live_|rk_live_|ghp_|gho_|ghs_|github_pat_|glpat-|xox[abposr]-|AKIA|ASIA|AIza|hf_)");

  private SecretLines() {}

  /** The lines without those that look like secrets (and without whole private-key blocks). */
  static List<String> filter(List<String> lines) {
    List<String> kept = new ArrayList<>(lines.size());
    boolean inKey = false;
    for (String line : lines) {
      if (inKey) {
        if (END_BLOCK.matcher(line).find()) {
          inKey = false;
        }
        continue;
      }
      if (BEGIN_PRIVATE_KEY.matcher(line).find()) {
        inKey = !END_BLOCK.matcher(line).find();
        continue;
      }
      if (!looksSecret(line)) {
        kept.add(line);
      }
    }
    return kept;
  }

  /**
   * Whether one line, on its own, looks like it holds a secret.
   *
   * <p>This runs on every line of every snippet. The patterns are linear (no nested repetition),
   * but a regex search tries its alternatives at every position: under C1 the name and token
   * searches cost some 18 µs a line, 1.4 ms a completion with three neighbours open. Each is now
   * tried only on a line that could match it: one with a word every sensitive name contains, or a
   * run of token characters long enough.
   */
  static boolean looksSecret(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    if (mayNameASecret(lower) && SENSITIVE_NAME.matcher(lower).find()) {
      Matcher leading = LEADING_ASSIGNMENT.matcher(line);
      if (leading.find() && isSensitiveName(leading.group(1))) {
        return true;
      }
      Matcher quoted = QUOTED_ASSIGNMENT.matcher(line);
      while (quoted.find()) {
        if (isSensitiveName(quoted.group(1))) {
          return true;
        }
      }
    }
    if (longestTokenRun(line) < MIN_TOKEN_LENGTH) {
      return false;
    }
    Matcher tokens = TOKEN.matcher(line);
    while (tokens.find()) {
      String token = tokens.group();
      if (KNOWN_PREFIX.matcher(token).find() || looksRandom(token)) {
        return true;
      }
    }
    return false;
  }

  /** Every alternative of {@link #SENSITIVE_NAME} contains one of these. */
  private static final String[] SENSITIVE_PARTS = {
    "pass", "pwd", "secret", "token", "key", "credential", "bearer"
  };

  private static boolean mayNameASecret(String lowerCaseLine) {
    for (String part : SENSITIVE_PARTS) {
      if (lowerCaseLine.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** The shortest match of {@link #TOKEN}. */
  private static final int MIN_TOKEN_LENGTH = 20;

  /** The characters of {@link #TOKEN}, among ASCII (it has no others). */
  private static final boolean[] TOKEN_CHARS = new boolean[128];

  static {
    String extra = "+/=_.-";
    for (char c = 0; c < 128; c++) {
      TOKEN_CHARS[c] =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || extra.indexOf(c) >= 0;
    }
  }

  /** The longest run of {@link #TOKEN}'s characters in the line. */
  private static int longestTokenRun(String line) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      run = c < 128 && TOKEN_CHARS[c] ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static boolean isSensitiveName(String name) {
    return SENSITIVE_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  /**
   * A generated key mixes letters and digits with high entropy; long identifiers and dotted names
   * have few digits and repeat their letters.
   */
  static boolean looksRandom(String token) {
    int digits = 0;
    int letters = 0;
    int[] counts = new int[128];
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      counts[c & 0x7f]++;
      if (Character.isDigit(c)) {
        digits++;
      } else if (Character.isLetter(c)) {
        letters++;
      }
    }
    if (digits < 2 || letters < 2) {
      return false;
    }
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / token.length();
        entropy -= p * (Math.log(p) / Math.log(2));
      }
    }
    return entropy >= 3.5;
  }
}
