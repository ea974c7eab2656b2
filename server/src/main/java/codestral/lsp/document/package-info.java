/**
 * Open documents as immutable, versioned snapshots, and the arithmetic between LSP positions (in
 * the negotiated encoding) and offsets into the text.
 *
 * <p>Edits are applied in order on the protocol thread; a completion request takes a snapshot and
 * works on it while edits go on, so no lock is ever held across an HTTP call. The text lives in a
 * persistent rope (package-private {@code Rope}), so an edit costs O(log n) at any file size and a
 * snapshot shares all it did not touch with the one before.
 */
package codestral.lsp.document;
