package codestral.lsp.feedback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the suggestions recently offered, under an id the editor sends back, and counts what
 * became of them. Each event counts once per suggestion however often the editor repeats it (a
 * client may report the same item shown after every redraw); events for an id that is unknown or
 * was forgotten are ignored, since a count cannot be attributed to a language without it.
 *
 * <p>Thread-safe. Every method holds the lock for a few map operations only, so calling it from the
 * protocol's reader thread is fine. Memory is bounded: the oldest of more than {@link #REMEMBERED}
 * suggestions is forgotten.
 */
public final class SuggestionFeedback {
  /** Suggestions remembered for feedback; an editor reports on one within seconds of showing it. */
  static final int REMEMBERED = 1_000;

  private final AtomicLong nextId = new AtomicLong();
  private final Map<String, Offer> offers =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Offer> eldest) {
          return size() > REMEMBERED;
        }
      };
  private final Map<String, Counter> byLanguage = new TreeMap<>();

  /**
   * Records a suggestion offered to the editor and returns the id the editor will report it by.
   *
   * @param languageId the document's language
   * @param insertText the exact text of the item, which the editor may send back instead of the id
   * @param leadLength how many characters of {@code insertText} the document already had before the
   *     cursor (an inline item re-sends the line's start), which acceptance does not count
   */
  public synchronized String offer(String languageId, String insertText, int leadLength) {
    String id = "cs-" + nextId.incrementAndGet();
    String language = languageId == null || languageId.isEmpty() ? "unknown" : languageId;
    int suggested = Math.max(0, insertText.length() - leadLength);
    offers.put(id, new Offer(language, insertText, leadLength, suggested));
    counter(language).offered++;
    return id;
  }

  /**
   * The id of a recently offered item with exactly this text: for clients that drop the command.
   */
  public synchronized Optional<String> idOfInsertText(String insertText) {
    String found = null;
    for (Map.Entry<String, Offer> entry : offers.entrySet()) {
      if (entry.getValue().insertText.equals(insertText)) {
        found = entry.getKey(); // The newest wins: iteration is oldest first.
      }
    }
    return Optional.ofNullable(found);
  }

  /** The editor displayed the suggestion. Returns whether the id was known. */
  public synchronized boolean shown(String id) {
    Offer offer = offers.get(id);
    if (offer == null) {
      return false;
    }
    markShown(offer);
    return true;
  }

  /** The user accepted the whole suggestion. Returns whether the id was known. */
  public synchronized boolean accepted(String id) {
    Offer offer = offers.get(id);
    if (offer == null) {
      return false;
    }
    markShown(offer);
    Counter counter = counter(offer.language);
    if (!offer.accepted) {
      offer.accepted = true;
      counter.accepted++;
    }
    addAcceptedCharacters(offer, offer.suggestedLength);
    return true;
  }

  /**
   * The user accepted the start of the suggestion.
   *
   * @param acceptedLength UTF-16 units accepted, counted from the start of the item's insertText
   *     (the shape Copilot-aware clients send); the lead the document already had is not counted
   * @return whether the id was known
   */
  public synchronized boolean partiallyAccepted(String id, int acceptedLength) {
    Offer offer = offers.get(id);
    if (offer == null) {
      return false;
    }
    markShown(offer);
    if (!offer.partiallyAccepted) {
      offer.partiallyAccepted = true;
      counter(offer.language).partiallyAccepted++;
    }
    int suggestedPart =
        Math.min(offer.suggestedLength, Math.max(0, acceptedLength - offer.leadLength));
    addAcceptedCharacters(offer, suggestedPart);
    return true;
  }

  /** The counts so far. */
  public synchronized FeedbackStats stats() {
    Map<String, SuggestionCounts> languages = new TreeMap<>();
    SuggestionCounts total = SuggestionCounts.NONE;
    for (Map.Entry<String, Counter> entry : byLanguage.entrySet()) {
      SuggestionCounts counts = entry.getValue().snapshot();
      languages.put(entry.getKey(), counts);
      total = total.plus(counts);
    }
    return new FeedbackStats(total, Collections.unmodifiableMap(languages));
  }

  private void markShown(Offer offer) {
    if (!offer.shown) {
      offer.shown = true;
      counter(offer.language).shown++;
    }
  }

  /** Partial acceptances grow: each report says how far the user got, so only the growth counts. */
  private void addAcceptedCharacters(Offer offer, int upTo) {
    if (upTo > offer.countedCharacters) {
      counter(offer.language).acceptedCharacters += upTo - offer.countedCharacters;
      offer.countedCharacters = upTo;
    }
  }

  private Counter counter(String language) {
    return byLanguage.computeIfAbsent(language, ignored -> new Counter());
  }

  /** One offered suggestion; mutable, guarded by the enclosing instance's lock. */
  private static final class Offer {
    final String language;
    final String insertText;
    final int leadLength;
    final int suggestedLength;
    boolean shown;
    boolean accepted;
    boolean partiallyAccepted;
    int countedCharacters;

    Offer(String language, String insertText, int leadLength, int suggestedLength) {
      this.language = language;
      this.insertText = insertText;
      this.leadLength = leadLength;
      this.suggestedLength = suggestedLength;
    }
  }

  /** Mutable counts of one language, guarded by the enclosing instance's lock. */
  private static final class Counter {
    long offered;
    long shown;
    long accepted;
    long partiallyAccepted;
    long acceptedCharacters;

    SuggestionCounts snapshot() {
      return new SuggestionCounts(offered, shown, accepted, partiallyAccepted, acceptedCharacters);
    }
  }
}
