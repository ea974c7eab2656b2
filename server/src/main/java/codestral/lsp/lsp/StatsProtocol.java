package codestral.lsp.lsp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** {@code codestral/stats}: what became of the suggestions since the server started. */
@JsonSegment("codestral")
public interface StatsProtocol {

  /**
   * The counts, no params: {@code {"total": Counts, "byLanguage": {languageId: Counts}}} where
   * Counts is {@code {offered, shown, accepted, partiallyAccepted, acceptedCharacters,
   * acceptanceRate}}. Kept in memory only; nothing is sent anywhere.
   */
  @JsonRequest
  CompletableFuture<Map<String, Object>> stats();
}
