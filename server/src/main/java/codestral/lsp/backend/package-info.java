/**
 * What the server asks of a model provider: {@link codestral.lsp.backend.FimBackend} for
 * fill-in-the-middle completions and {@link codestral.lsp.backend.ChatBackend} for streamed chat,
 * as plain values in and futures out.
 *
 * <p>Providers live in sub-packages ({@code backend.codestral} speaks Mistral's wire format, {@code
 * backend.ollama} a local Ollama's); only they touch OkHttp and Jackson, and none of them may put
 * the API key in any message.
 */
package codestral.lsp.backend;
