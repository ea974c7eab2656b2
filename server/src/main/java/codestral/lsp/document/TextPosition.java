package codestral.lsp.document;

/**
 * A zero-based line and a character offset within it, counted in the negotiated encoding: the
 * protocol's {@code Position} without the protocol.
 */
public record TextPosition(int line, int character) {}
