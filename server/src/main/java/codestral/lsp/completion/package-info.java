/**
 * Orchestrates one completion request: snapshot, window, cache, backend call and post-processing,
 * off the protocol thread and cancellable at every step.
 *
 * <p>Speaks plain values ({@link codestral.lsp.completion.CompletionQuery} in, {@link
 * codestral.lsp.completion.CompletionOutcome} out); never parses JSON or sees protocol types.
 */
package codestral.lsp.completion;
