package codestral.lsp.lsp;

import codestral.lsp.completion.PrefetchStats;
import codestral.lsp.feedback.FeedbackStats;
import codestral.lsp.feedback.SuggestionCounts;
import codestral.lsp.feedback.SuggestionFeedback;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Answers {@code codestral/stats} from the counts, translated into plain JSON objects. */
final class StatsEndpoint implements StatsProtocol {
  private final SuggestionFeedback feedback;
  private final Supplier<PrefetchStats> prefetch;

  StatsEndpoint(SuggestionFeedback feedback, Supplier<PrefetchStats> prefetch) {
    this.feedback = feedback;
    this.prefetch = prefetch;
  }

  @Override
  public CompletableFuture<Map<String, Object>> stats() {
    FeedbackStats stats = feedback.stats();
    Map<String, Object> languages = new LinkedHashMap<>();
    stats.byLanguage().forEach((language, counts) -> languages.put(language, toJson(counts)));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("total", toJson(stats.total()));
    result.put("byLanguage", languages);
    PrefetchStats ahead = prefetch.get();
    Map<String, Object> prefetched = new LinkedHashMap<>();
    prefetched.put("requested", ahead.requested());
    prefetched.put("used", ahead.used());
    prefetched.put("dropped", ahead.dropped());
    prefetched.put("skipped", ahead.skipped());
    result.put("prefetch", prefetched);
    return CompletableFuture.completedFuture(result);
  }

  private static Map<String, Object> toJson(SuggestionCounts counts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("offered", counts.offered());
    json.put("shown", counts.shown());
    json.put("accepted", counts.accepted());
    json.put("partiallyAccepted", counts.partiallyAccepted());
    json.put("acceptedCharacters", counts.acceptedCharacters());
    // Of the suggestions seen, how many were taken whole; 0 before any was seen.
    json.put(
        "acceptanceRate", counts.shown() == 0 ? 0.0 : (double) counts.accepted() / counts.shown());
    return json;
  }
}
