package codestral.lsp.feedback;

/**
 * Counts of one kind of suggestion (all of them, or one language's).
 *
 * @param offered suggestions the server returned
 * @param shown suggestions the editor reported as shown (or that were accepted, which implies it)
 * @param accepted suggestions accepted whole
 * @param partiallyAccepted suggestions of which a part (a word, a line) was accepted
 * @param acceptedCharacters UTF-16 units of suggested text that ended up in the document
 */
public record SuggestionCounts(
    long offered, long shown, long accepted, long partiallyAccepted, long acceptedCharacters) {

  public static final SuggestionCounts NONE = new SuggestionCounts(0, 0, 0, 0, 0);

  SuggestionCounts plus(SuggestionCounts other) {
    return new SuggestionCounts(
        offered + other.offered,
        shown + other.shown,
        accepted + other.accepted,
        partiallyAccepted + other.partiallyAccepted,
        acceptedCharacters + other.acceptedCharacters);
  }
}
