/**
 * A local Ollama's wire format: {@code POST /api/generate} for fill-in-the-middle and {@code POST
 * /api/chat} for chat, both streamed as newline-delimited JSON ending with a {@code "done": true}
 * object.
 *
 * <p>No key is sent. The errors peculiar to a local server, nobody listening and a model that was
 * never pulled, become messages that name the command that fixes them.
 */
package codestral.lsp.backend.ollama;
