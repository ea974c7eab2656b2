package codestral.lsp.completion;

import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.postprocess.Suggestion;
import java.util.List;

/**
 * The suggestions for a query, with the snapshot they were computed on so that the protocol layer
 * turns their offsets into positions of that very version.
 *
 * @param snapshot the document version the suggestions belong to
 * @param cursorOffset the cursor's offset in that snapshot
 * @param suggestions best first; empty when there is nothing to suggest
 */
public record CompletionOutcome(
    DocumentSnapshot snapshot, int cursorOffset, List<Suggestion> suggestions) {

  public static CompletionOutcome none(DocumentSnapshot snapshot, int cursorOffset) {
    return new CompletionOutcome(snapshot, cursorOffset, List.of());
  }
}
