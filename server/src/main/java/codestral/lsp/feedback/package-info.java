/**
 * What became of the suggestions the server offered: shown, accepted, partly accepted, counted per
 * language, in memory only. Nothing here is sent anywhere; {@code codestral/stats} reads it.
 *
 * <p>Plain types only: the protocol layer turns the editor's notifications into calls here.
 */
package codestral.lsp.feedback;
