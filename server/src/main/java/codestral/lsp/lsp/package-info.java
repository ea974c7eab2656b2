/**
 * The protocol adapters: LSP4J types in, plain values to the feature services, LSP4J types back.
 *
 * <p>Holds no business logic and never blocks LSP4J's message-reader thread: edits are applied on
 * it (cheap, and they must stay in order), everything that waits runs elsewhere.
 *
 * <p>Also the start: {@link codestral.lsp.lsp.ServerLauncher} composes the server, {@link
 * codestral.lsp.lsp.StartupPreload} builds LSP4J's JSON handler on a second thread meanwhile, and
 * {@link codestral.lsp.lsp.EarlyInitialize} answers the editor's {@code initialize} before either
 * is done.
 */
package codestral.lsp.lsp;
