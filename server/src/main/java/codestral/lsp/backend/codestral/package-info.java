/**
 * Mistral's Codestral wire format: {@code POST /v1/fim/completions} with exactly the documented
 * fields (the API answers 422 to any other), its answers and its error bodies.
 *
 * <p>The only package besides other providers that touches OkHttp and Jackson.
 */
package codestral.lsp.backend.codestral;
