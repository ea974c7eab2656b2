/**
 * JMH benchmarks and measurement mains for the server's hot paths, run through the {@code bench}
 * Maven profile (see docs/performance.md), never as tests.
 *
 * <p>Figures depend on the machine and its load; docs/performance.md gives the command next to each
 * figure.
 */
package codestral.lsp.bench;
