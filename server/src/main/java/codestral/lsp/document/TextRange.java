package codestral.lsp.document;

/** A start and an end position: the protocol's {@code Range} without the protocol. */
public record TextRange(TextPosition start, TextPosition end) {}
