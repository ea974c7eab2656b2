/**
 * Turns a document snapshot and a cursor into the {@code prompt} and {@code suffix} of a
 * fill-in-the-middle request: a window around the cursor under a budget.
 *
 * <p>Pure computation on snapshots: no network, no protocol types.
 */
package codestral.lsp.prompt;
