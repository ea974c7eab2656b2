/**
 * Caffeine caches of completion futures, keyed by everything that determines the answer, so
 * identical requests share one upstream call and failures are never kept.
 *
 * <p>Every cache is bounded by size and age; the clock is injected so tests never sleep.
 */
package codestral.lsp.cache;
