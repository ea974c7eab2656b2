/**
 * The protocol adapters: LSP4J types in, plain values to the feature services, LSP4J types back.
 *
 * <p>Holds no business logic and never blocks LSP4J's message-reader thread: edits are applied on
 * it (cheap, and they must stay in order), everything that waits runs elsewhere. The parts are
 * composed and connected to the streams in {@code codestral.lsp.app}.
 */
package codestral.lsp.lsp;
