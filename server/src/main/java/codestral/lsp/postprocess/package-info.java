/**
 * Pure functions from a window and the model's raw text to what is inserted and what it replaces:
 * the fixes that make an almost-right suggestion right.
 *
 * <p>Depends on nothing but {@code prompt} types, so every fix is testable from plain strings.
 */
package codestral.lsp.postprocess;
