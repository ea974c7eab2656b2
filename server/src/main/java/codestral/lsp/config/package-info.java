/**
 * One typed settings tree, with a default and a one-line doc for every field, parsed from {@code
 * initializationOptions}, {@code workspace/didChangeConfiguration}, {@code workspace/configuration}
 * and the environment.
 *
 * <p>Settings are data passed down to whoever needs them, never read through globals; a bad value
 * is reported by name and the previous good value stays in force.
 */
package codestral.lsp.config;
