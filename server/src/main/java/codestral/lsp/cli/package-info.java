/**
 * The command line: {@code codestral-lsp [--stdio]} serves LSP, {@code check} verifies the set-up
 * end to end with a diagnosis a user can act on, {@code complete} prints one suggestion for a file
 * position. Parsed with picocli, which is only loaded when the arguments are more than the editor's
 * plain start, so the server's start-up does not pay for it.
 *
 * <p>In {@code check} and {@code complete} stdout belongs to the user; in server mode it is the
 * protocol and this package prints nothing.
 */
package codestral.lsp.cli;
