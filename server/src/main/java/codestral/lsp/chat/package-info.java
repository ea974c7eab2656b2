/**
 * {@code codestral/chat}: a conversation plus, optionally, the code the user selected, turned into
 * one streamed chat call with a system prompt and the code as context.
 *
 * <p>Knows documents and settings but neither the protocol nor HTTP: the {@code lsp} package
 * translates the request in, {@link codestral.lsp.backend.ChatBackend} answers it.
 */
package codestral.lsp.chat;
