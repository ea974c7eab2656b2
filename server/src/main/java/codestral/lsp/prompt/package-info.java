/**
 * Turns a document snapshot and a cursor into the {@code prompt} and {@code suffix} of a
 * fill-in-the-middle request: a window around the cursor and snippets of recently touched
 * documents, under a token budget counted by an estimator that the API's reported usage calibrates;
 * and keeps files and lines that look secret out of it.
 *
 * <p>Pure computation on snapshots, O(window) per request: no network, no protocol types.
 */
package codestral.lsp.prompt;
