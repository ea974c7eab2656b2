/**
 * JMH benchmarks and measurement mains for the server's hot paths, run through the {@code bench}
 * Maven profile (see README's Performance section), never as tests.
 *
 * <p>Figures depend on the machine and its load; README records both next to each figure.
 */
package codestral.lsp.bench;
