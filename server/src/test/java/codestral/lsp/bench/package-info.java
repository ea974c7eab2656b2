/**
 * JMH benchmarks of the hot paths, run from the test classpath (see each class for its command).
 * Figures go into README's Performance section; no test ever asserts on timing.
 */
package codestral.lsp.bench;
