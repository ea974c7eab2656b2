/**
 * Mistral's Codestral wire format: {@code POST /v1/fim/completions} and, streamed as server-sent
 * events, {@code POST /v1/chat/completions}, each with exactly the documented fields (the API
 * answers 422 to any other), their answers and their error bodies.
 *
 * <p>The only package besides other providers that touches OkHttp and Jackson.
 */
package codestral.lsp.backend.codestral;
