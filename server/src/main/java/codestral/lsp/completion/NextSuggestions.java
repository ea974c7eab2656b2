package codestral.lsp.completion;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.document.TextRange;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suggestions asked for ahead of the editor, one per document: after a suggestion is accepted
 * (or shown), the one that will follow it, on the document as it will be.
 *
 * <p>This class only plans and keeps account; {@link CompletionService} makes the call. A plan is
 * kept while the document is on its way to the text it was made for: unchanged, the shown
 * suggestion typed in part, or accepted. Any other edit drops it at once, cancelling its call if
 * nobody else waits for it. Checking that costs the length of the suggestion plus a few hundred
 * chars, never the document's.
 */
final class NextSuggestions {
  /** How far after the cursor an edit is looked for when deciding that a plan still holds. */
  private static final int CHECKED_AFTER = 256;

  /** The text around the cursor that tells two plans apart. */
  private static final int KEY_BEFORE = 4_000;

  private static final int KEY_AFTER = 1_000;

  /** One suggestion asked for ahead: the document it expects, and how to let go of its call. */
  static final class Plan {
    final String uri;
    final DocumentSnapshot expected;
    final int cursor;
    final int insertStart;
    final String key;
    private volatile Runnable drop = () -> {};
    private volatile boolean running;

    Plan(String uri, DocumentSnapshot expected, int cursor, int insertStart) {
      this.uri = uri;
      this.expected = expected;
      this.cursor = cursor;
      this.insertStart = insertStart;
      String around =
          expected.text(
              Math.max(0, cursor - KEY_BEFORE), Math.min(expected.length(), cursor + KEY_AFTER));
      this.key = cursor + ":" + expected.length() + ":" + around.hashCode();
    }
  }

  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  /**
   * The plan for a suggestion, or empty when there is nothing to ask: the document is closed, the
   * user already typed something else, or the same text was already asked for.
   */
  Optional<Plan> plan(PlacedSuggestion placed, Optional<DocumentSnapshot> now) {
    if (now.isEmpty()) {
      return Optional.empty();
    }
    DocumentSnapshot base = placed.snapshot();
    int start = Math.max(0, Math.min(placed.start(), base.length()));
    int end = Math.max(start, Math.min(placed.end(), base.length()));
    PositionEncoding utf16 = PositionEncoding.UTF16;
    DocumentSnapshot expected =
        base.apply(
            new ContentChange(
                new TextRange(base.positionAt(start, utf16), base.positionAt(end, utf16)),
                placed.insertText()),
            base.version(),
            utf16);
    Plan plan = new Plan(placed.uri(), expected, start + placed.insertText().length(), start);
    if (now.get().version() != base.version() && !onTheWay(plan, now.get())) {
      return Optional.empty();
    }
    Plan current = plans.get(placed.uri());
    if (current != null && current.key.equals(plan.key)) {
      return Optional.empty();
    }
    return Optional.of(plan);
  }

  /** A plan's call started: it replaces the document's earlier plan, whose call is let go. */
  void started(Plan plan, Runnable drop) {
    plan.drop = drop;
    plan.running = true;
    requested.incrementAndGet();
    Plan previous = plans.put(plan.uri, plan);
    if (previous != null && previous != plan) {
      previous.drop.run();
    }
  }

  /** The plan's call ended (answered or failed): dropping it later cancels nothing. */
  void finished(Plan plan) {
    plan.running = false;
  }

  /** The document changed: a plan it is no longer on the way to is dropped. */
  void documentChanged(String uri, Optional<DocumentSnapshot> now) {
    Plan plan = plans.get(uri);
    if (plan == null || (now.isPresent() && onTheWay(plan, now.get()))) {
      return;
    }
    if (plans.remove(uri, plan)) {
      if (plan.running) {
        dropped.incrementAndGet();
      }
      plan.drop.run();
    }
  }

  void skipped() {
    skipped.incrementAndGet();
  }

  /** A request of the editor was answered from a suggestion asked for ahead. */
  void used() {
    used.incrementAndGet();
  }

  PrefetchStats stats() {
    return new PrefetchStats(requested.get(), used.get(), dropped.get(), skipped.get());
  }

  /**
   * Whether {@code now} is the expected text with a run just before the expected cursor still
   * missing: the suggestion not yet taken, typed in part, or accepted whole.
   */
  static boolean onTheWay(Plan plan, DocumentSnapshot now) {
    int missing = plan.expected.length() - now.length();
    int typedUpTo = plan.cursor - missing;
    if (missing < 0 || typedUpTo < plan.insertStart) {
      return false;
    }
    if (!now.text(plan.insertStart, typedUpTo)
        .equals(plan.expected.text(plan.insertStart, typedUpTo))) {
      return false;
    }
    int after = Math.min(CHECKED_AFTER, now.length() - typedUpTo);
    return now.text(typedUpTo, typedUpTo + after)
        .equals(plan.expected.text(plan.cursor, plan.cursor + after));
  }
}
