/**
 * Open documents as immutable, versioned snapshots, and the arithmetic between LSP positions
 * (in the negotiated encoding) and offsets into the text.
 *
 * <p>Edits are applied in order on the protocol thread; a completion request takes a snapshot and
 * works on it while edits go on, so no lock is ever held across an HTTP call.
 */
package codestral.lsp.document;
