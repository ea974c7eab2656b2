package codestral.lsp.lsp;

import codestral.lsp.completion.CompletionService;
import codestral.lsp.completion.PlacedSuggestion;
import codestral.lsp.completion.PrefetchStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each recent item would land, by the id its acceptance command carries, so that the editor's
 * reports ({@code didShowCompletion}, the acceptance command, a partial acceptance that reached the
 * end) can have the suggestion after it asked for ahead of the editor.
 *
 * <p>Bounded: the oldest of more than {@value #REMEMBERED} items is forgotten; an editor reports on
 * an item within seconds of receiving it.
 */
final class PlacedItems {
  static final int REMEMBERED = 64;

  private final CompletionService completions;
  private final Map<String, PlacedSuggestion> byId =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PlacedSuggestion> eldest) {
          return size() > REMEMBERED;
        }
      };

  PlacedItems(CompletionService completions) {
    this.completions = completions;
  }

  /** An item was sent under {@code id}. */
  synchronized void placed(String id, PlacedSuggestion placement) {
    byId.put(id, placement);
  }

  void shown(String id) {
    PlacedSuggestion placement = get(id);
    if (placement != null) {
      completions.suggestionShown(placement);
    }
  }

  void accepted(String id) {
    PlacedSuggestion placement = get(id);
    if (placement != null) {
      completions.suggestionAccepted(placement);
    }
  }

  /** A partial acceptance counts as the whole once it reaches the end of the item's text. */
  void partiallyAccepted(String id, int acceptedLength) {
    PlacedSuggestion placement = get(id);
    if (placement != null && acceptedLength >= placement.insertText().length()) {
      completions.suggestionAccepted(placement);
    }
  }

  PrefetchStats stats() {
    return completions.prefetchStats();
  }

  private synchronized PlacedSuggestion get(String id) {
    return byId.get(id);
  }
}
