package codestral.lsp.feedback;

import java.util.Map;

/**
 * A snapshot of the counts since the server started.
 *
 * @param total all languages together
 * @param byLanguage per language id, as the editor named it; sorted by id
 */
public record FeedbackStats(SuggestionCounts total, Map<String, SuggestionCounts> byLanguage) {}
