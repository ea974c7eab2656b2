package codestral.lsp.completion;

/** Why the editor asked: the user asked explicitly, or the editor asked as the user typed. */
public enum Trigger {
  /** Explicit: answer now, and more than one candidate is welcome. */
  INVOKED,
  /** As-you-type: may be debounced, held back when rate-limited, one candidate. */
  AUTOMATIC
}
