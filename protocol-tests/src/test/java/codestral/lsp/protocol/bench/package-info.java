/**
 * Start-up and memory benchmarks (programs with a {@code main}, never timed tests): the built
 * server through its launcher, beside a bare LSP4J server that only answers {@code initialize}, so
 * what each feature costs is visible.
 */
package codestral.lsp.protocol.bench;
