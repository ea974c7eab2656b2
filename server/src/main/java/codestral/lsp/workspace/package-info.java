/**
 * The workspace index: the imports and definitions (signature line and first doc line) of every
 * source file of the workspace folders on disk, built in the background and kept current from
 * watched-file events, saves and open documents.
 *
 * <p>It reads only files git would list, never an ignored, vendored, generated, binary, oversized
 * or sensitive one (the caller's rule is asked before a file is opened), and stays within a memory
 * budget. Retrieval for a prompt lives in {@code prompt}; this package only answers lookups.
 */
package codestral.lsp.workspace;
