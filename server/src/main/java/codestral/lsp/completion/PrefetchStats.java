package codestral.lsp.completion;

/**
 * What became of the suggestions asked for ahead of the editor (see {@link
 * CompletionService#suggestionAccepted}).
 *
 * @param requested calls made ahead, for a suggestion shown or accepted
 * @param used of those, how many answered a later request of the editor
 * @param dropped how many were left while still running, because the user typed something else
 * @param skipped times one was not made because the minute's budget was short or the API was
 *     pausing requests
 */
public record PrefetchStats(long requested, long used, long dropped, long skipped) {}
