package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.RecentActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snippets of other open documents that the code around the cursor probably needs: the way
 * Copilot's neighbouring tabs and Continue's recently edited ranges work, on the store's activity
 * history.
 *
 * <p>Candidates are the documents recently edited or opened, in the same language (family) as the
 * current one, newest first, never one that {@link SensitiveFiles} protects. In each, only the
 * lines around where the user worked are read (bounded per document, so a huge neighbour costs no
 * more than a small one), cut into overlapping windows of {@value #WINDOW_LINES} lines, and ranked
 * by the Jaccard similarity of their identifiers to those of the lines before the cursor. The best
 * windows that fit the budget are kept, each headed by its path as a comment, the best last so it
 * sits next to the code being completed. Lines that look like secrets are dropped.
 */
final class CrossFileContext {
  static final int WINDOW_LINES = 20;
  private static final int WINDOW_STEP = 10;

  /** Lines read on either side of a line the user touched. */
  private static final int REGION_LINES = 60;

  private static final int MAX_DOCUMENTS = 8;
  private static final int MAX_SNIPPETS = 4;
  private static final int MAX_SCAN_CHARS_PER_DOCUMENT = 64_000;

  /** A window longer than this is minified or generated text, not useful context. */
  private static final int MAX_WINDOW_CHARS = 4_000;

  private static final int QUERY_LINES = 30;

  /** Below this much budget left (about 15 tokens) no useful snippet fits: stop looking. */
  private static final long MIN_SNIPPET_MILLI = 15_000;

  private static final int QUERY_CHARS = 4_000;

  private static final List<Set<String>> FAMILIES =
      List.of(
          Set.of("javascript", "javascriptreact", "typescript", "typescriptreact", "vue", "svelte"),
          Set.of("c", "cpp", "objective-c", "objective-cpp", "cuda-cpp"),
          Set.of("shellscript", "sh", "bash", "zsh"));

  private CrossFileContext() {}

  /** One ranked window of a neighbour: lines {@code [first, end)} of {@code snapshot}. */
  private record Candidate(
      DocumentSnapshot snapshot, int first, int end, double score, int recency) {
    boolean overlaps(Candidate other) {
      return snapshot.uri().equals(other.snapshot.uri()) && first < other.end && other.first < end;
    }
  }

  /**
   * The context text, whose raw cost is at most {@code budgetMilli}; empty when nothing relevant
   * fits.
   */
  static String collect(
      DocumentStore documents,
      DocumentSnapshot current,
      int cursor,
      String selectedText,
      long budgetMilli,
      SensitiveFiles sensitive,
      WorkspaceRoots roots,
      NeighbourWindows windows) {
    if (budgetMilli <= 0) {
      return "";
    }
    // The neighbours first: with no other document open (often), the query is never worth making.
    Map<String, List<Integer>> neighbours = neighbours(documents, current, sensitive);
    windows.keepOnly(neighbours.keySet());
    if (neighbours.isEmpty()) {
      return "";
    }
    Set<String> query = Identifiers.of(queryText(current, cursor) + " " + selectedText);
    if (query.size() == 0) {
      return "";
    }
    List<Candidate> candidates = new ArrayList<>();
    int recency = 0;
    for (Map.Entry<String, List<Integer>> neighbour : neighbours.entrySet()) {
      var snapshot = documents.get(neighbour.getKey());
      if (snapshot.isPresent()) {
        rank(snapshot.get(), neighbour.getValue(), query, recency++, windows, candidates);
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::score)
            .reversed()
            .thenComparingInt(Candidate::recency));
    List<Candidate> chosen = new ArrayList<>();
    List<String> rendered = new ArrayList<>();
    long used = 0;
    for (Candidate candidate : candidates) {
      if (chosen.size() == MAX_SNIPPETS || budgetMilli - used < MIN_SNIPPET_MILLI) {
        break;
      }
      if (chosen.stream().anyMatch(candidate::overlaps)) {
        continue;
      }
      String snippet = render(candidate, current.languageId(), roots, windows, budgetMilli - used);
      long cost = TokenEstimator.milliTokens(snippet, 0, snippet.length());
      if (snippet.isEmpty() || used + cost > budgetMilli) {
        continue;
      }
      used += cost;
      chosen.add(candidate);
      rendered.add(snippet);
    }
    // Best last: the model weighs what is nearest to the cursor most.
    StringBuilder context = new StringBuilder();
    for (int i = rendered.size() - 1; i >= 0; i--) {
      context.append(rendered.get(i));
    }
    return context.toString();
  }

  /** The lines before the cursor that say what the user is writing, bounded in size. */
  private static String queryText(DocumentSnapshot current, int cursor) {
    int line = current.lineOf(cursor);
    int start = Math.max(current.lineStart(Math.max(0, line - QUERY_LINES)), cursor - QUERY_CHARS);
    return current.text(Math.max(0, start), cursor);
  }

  /** Recently touched documents of the same language family, newest first, with their lines. */
  private static Map<String, List<Integer>> neighbours(
      DocumentStore documents, DocumentSnapshot current, SensitiveFiles sensitive) {
    Map<String, List<Integer>> result = new LinkedHashMap<>();
    for (RecentActivity activity : documents.recentActivity()) {
      String uri = activity.uri();
      if (uri.equals(current.uri())
          || !sameFamily(activity.languageId(), current.languageId())
          || sensitive.matches(uri)) {
        continue;
      }
      if (!result.containsKey(uri) && result.size() == MAX_DOCUMENTS) {
        continue;
      }
      result.computeIfAbsent(uri, key -> new ArrayList<>()).add(activity.line());
    }
    return result;
  }

  static boolean sameFamily(String a, String b) {
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    for (Set<String> family : FAMILIES) {
      if (family.contains(a) && family.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /** Scores the windows around the touched lines of one neighbour. */
  private static void rank(
      DocumentSnapshot snapshot,
      List<Integer> touched,
      Set<String> query,
      int recency,
      NeighbourWindows windows,
      List<Candidate> out) {
    int lineCount = snapshot.lineCount();
    List<int[]> regions = new ArrayList<>();
    for (int line : touched) {
      int first = Math.max(0, Math.min(line, lineCount - 1) - REGION_LINES);
      regions.add(new int[] {first, Math.min(lineCount, first + 2 * REGION_LINES)});
    }
    regions.sort(Comparator.comparingInt(region -> region[0]));
    int scanned = 0;
    int next = 0; // first line not yet scored, so merged regions are read once
    for (int[] region : regions) {
      for (int first = Math.max(region[0], next); first < region[1]; first += WINDOW_STEP) {
        int end = Math.min(lineCount, first + WINDOW_LINES);
        int startOffset = snapshot.lineStart(first);
        int endOffset = snapshot.lineEnd(end - 1);
        if (endOffset - startOffset > MAX_WINDOW_CHARS) {
          continue;
        }
        scanned += endOffset - startOffset;
        if (scanned > MAX_SCAN_CHARS_PER_DOCUMENT) {
          return;
        }
        double score =
            Identifiers.similarity(
                query, windows.identifiers(snapshot, first, startOffset, endOffset));
        if (score > 0) {
          out.add(new Candidate(snapshot, first, end, score, recency));
        }
        next = first + WINDOW_STEP;
        if (end == lineCount) {
          break;
        }
      }
    }
  }

  /**
   * The window as it goes into the prompt: path comment, lines without secrets, blank line; cut
   * after the last whole line that fits {@code budgetMilli}, empty when not even two lines do.
   */
  private static String render(
      Candidate candidate,
      String languageId,
      WorkspaceRoots roots,
      NeighbourWindows windows,
      long budgetMilli) {
    DocumentSnapshot snapshot = candidate.snapshot();
    List<String> lines = windows.safeLines(snapshot, candidate.first(), candidate.end());
    int last = lines.size();
    while (last > 0 && lines.get(last - 1).isBlank()) {
      last--;
    }
    String header = CommentSyntax.line(languageId, roots.relativePath(snapshot.uri())) + "\n";
    // The header, and the blank line that ends the snippet, are paid for first.
    long used =
        TokenEstimator.milliTokens(header, 0, header.length()) + TokenEstimator.milliTokens('\n');
    StringBuilder snippet = new StringBuilder(header);
    int kept = 0;
    for (String line : lines.subList(0, last)) {
      long cost =
          TokenEstimator.milliTokens(line, 0, line.length()) + TokenEstimator.milliTokens('\n');
      if (used + cost > budgetMilli) {
        break;
      }
      used += cost;
      snippet.append(line).append('\n');
      kept++;
    }
    return kept < Math.min(2, last) || kept == 0 ? "" : snippet.append('\n').toString();
  }
}
