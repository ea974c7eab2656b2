/**
 * The process's wiring, beside {@code Main}: {@link codestral.lsp.app.ServerLauncher} builds every
 * part once and connects the server to a pair of streams with LSP4J's launcher (stdio in the
 * process, pipes in tests); {@link codestral.lsp.app.DaemonThreads} names the threads it starts.
 */
package codestral.lsp.app;
