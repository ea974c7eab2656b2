package codestral.lsp.completion;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.Scheduler;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.cache.TypedAheadIndex;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.postprocess.Suggestion;
import codestral.lsp.prompt.FimWindow;
import codestral.lsp.prompt.SelectedText;
import codestral.lsp.prompt.WindowBuilder;
import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Answers completion queries, spending as few upstream calls as it can.
 *
 * <p>The snapshot is taken on the caller's thread, at the moment the request arrives, so the answer
 * belongs to the text the editor had then. What follows without waiting (window, lookups, starting
 * the call) runs there too; the debounce runs on the scheduler and the answer on the HTTP client's
 * threads. On the way to a call a request can be answered without one: by the rest of a suggestion
 * the user is typing into ({@link TypedAheadIndex}), by an identical call in flight or done ({@link
 * CompletionCache}); an as-you-type request first waits out the debounce, and is skipped when the
 * minute's budget is spent.
 *
 * <p>One position per document is live: a newer request elsewhere, or an edit of the document,
 * answers the older ones empty at once (requests for the same version and position, say an inline
 * and a menu request side by side, live together and share one call). A superseded request's call
 * is not cancelled on the spot but kept as a <em>spare</em> until the next request of that document
 * says whether it can use it (the user typed what it is streaming) or for {@value #SPARE_GRACE_MS}
 * ms at most; then it is released, and the call is cancelled unless another request shares it.
 */
public final class CompletionService {
  private static final Logger LOG = System.getLogger(CompletionService.class.getName());

  /** How long the call of a superseded request is kept for the next request to reuse. */
  static final long SPARE_GRACE_MS = 1_000;

  /**
   * The part of the minute's budget a suggestion asked for after an acceptance leaves unused. Tuned
   * with TypingReplayBenchmark (docs/performance.md): at 0.25/0.5 most were skipped on the free
   * tier's 30 a minute and the wait after an acceptance stayed at the API's latency.
   */
  static final double ACCEPTED_KEEPS_FREE = 0.05;

  /** The same after a suggestion was only shown: not every one is taken, so it asks less often. */
  static final double SHOWN_KEEPS_FREE = 0.1;

  private final DocumentStore documents;
  private final Supplier<Settings> settings;
  private final FimBackend backend;
  private final CompletionCache cache;
  private final WindowBuilder windows;
  private final PostProcessor postProcessor;
  private final Scheduler scheduler;
  private final TypedAheadIndex<SuggestionSource> typedAhead;
  private final AdaptiveDebounce debounce;
  private final RequestBudget budget;
  private final NextSuggestions nextSuggestions = new NextSuggestions();
  private final Executor warmUpExecutor;

  /** The requests still to answer, by document: all for one version and position. */
  private final Map<String, List<Ticket>> live = new ConcurrentHashMap<>();

  private final Map<String, CompletableFuture<FimResult>> spares = new ConcurrentHashMap<>();
  private final Set<String> warnedNotOpen = ConcurrentHashMap.newKeySet();

  /** A service whose time (debounce, budget, typing speed) comes from the given clock and timer. */
  public CompletionService(
      DocumentStore documents,
      Supplier<Settings> settings,
      FimBackend backend,
      CompletionCache cache,
      WindowBuilder windows,
      PostProcessor postProcessor,
      Scheduler scheduler,
      Ticker ticker) {
    this(
        documents,
        settings,
        backend,
        cache,
        windows,
        postProcessor,
        scheduler,
        ticker,
        Runnable::run);
  }

  /**
   * A service whose time comes from the given clock and timer, and whose {@linkplain #warmUp
   * warm-up} runs on {@code warmUpExecutor}; nothing in a request's path needs a thread of its own.
   */
  public CompletionService(
      DocumentStore documents,
      Supplier<Settings> settings,
      FimBackend backend,
      CompletionCache cache,
      WindowBuilder windows,
      PostProcessor postProcessor,
      Scheduler scheduler,
      Ticker ticker,
      Executor warmUpExecutor) {
    this.documents = documents;
    this.settings = settings;
    this.backend = backend;
    this.cache = cache;
    this.windows = windows;
    this.postProcessor = postProcessor;
    this.scheduler = scheduler;
    this.typedAhead = new TypedAheadIndex<>(Duration.ofMinutes(10), ticker);
    this.debounce = new AdaptiveDebounce(ticker);
    this.budget = new RequestBudget(ticker);
    this.warmUpExecutor = warmUpExecutor;
  }

  /**
   * The suggestions for a query. Completes with no suggestions when the document is not open,
   * completions are disabled, the request was superseded or its document changed, or the budget is
   * spent; completes exceptionally when the backend fails. Cancelling the future leaves the call,
   * which is cancelled when nobody else waits for it.
   */
  public CompletableFuture<CompletionOutcome> complete(CompletionQuery query) {
    Optional<DocumentSnapshot> open = documents.get(query.uri());
    if (open.isEmpty()) {
      // A warning once per document, then debug: an editor that asks before didOpen does so on
      // every keystroke, and a log line per request also costs the request its formatting.
      if (warnedNotOpen.size() > 256) {
        warnedNotOpen.clear();
      }
      Level level = warnedNotOpen.add(query.uri()) ? Level.WARNING : Level.DEBUG;
      LOG.log(level, "Completion asked for a document that is not open: {0}", query.uri());
      return CompletableFuture.completedFuture(null);
    }
    DocumentSnapshot snapshot = open.get();
    int cursor = snapshot.offsetAt(query.position(), documents.encoding());
    Settings current = settings.get();
    if (!current.completion().enabled()) {
      return CompletableFuture.completedFuture(CompletionOutcome.none(snapshot, cursor));
    }
    if (windows.excludes(snapshot.uri(), current.prompt())) {
      // A .env, a key, a credentials file: nothing of it may leave the machine.
      LOG.log(
          Level.DEBUG, "No completion in {0}: it matches codestral.excludedFiles", snapshot.uri());
      return CompletableFuture.completedFuture(CompletionOutcome.none(snapshot, cursor));
    }
    SelectedText selected = selectedText(snapshot, query);
    Ticket ticket = new Ticket(query.uri(), snapshot, cursor);
    List<Ticket> superseded = new ArrayList<>();
    live.compute(
        query.uri(),
        (uri, tickets) -> {
          List<Ticket> kept = new ArrayList<>();
          for (Ticket older : tickets == null ? List.<Ticket>of() : tickets) {
            (older.sameQueryAs(ticket) ? kept : superseded).add(older);
          }
          kept.add(ticket);
          return List.copyOf(kept);
        });
    superseded.forEach(Ticket::supersede);
    ticket.answer.whenComplete(
        (outcome, error) -> {
          live.computeIfPresent(
              query.uri(),
              (uri, tickets) -> {
                List<Ticket> rest = new ArrayList<>(tickets);
                rest.remove(ticket);
                return rest.isEmpty() ? null : List.copyOf(rest);
              });
          if (ticket.answer.isCancelled()) {
            ticket.abort();
          }
        });
    // On the caller's thread: cutting the window, the typed-ahead and cache lookups and starting
    // the
    // call take microseconds and never wait (debounce and HTTP run elsewhere), and a hop to another
    // thread costs more than all of them on a loaded machine (see LatencyBenchmark).
    guarded(ticket, () -> start(ticket, query.trigger(), selected, current));
    return ticket.answer;
  }

  /**
   * The editor changed a document: a request still waiting for it answers empty now (its text is
   * gone), and the keystroke feeds the typing speed.
   */
  public void documentChanged(String uri) {
    debounce.keystroke();
    live.getOrDefault(uri, List.of()).forEach(Ticket::supersede);
    nextSuggestions.documentChanged(uri, documents.get(uri));
  }

  /**
   * The user accepted a suggestion (whole, or in parts up to its end): the one after it is asked
   * for now, on the document as it will be, so the editor's next request is answered from it
   * without waiting. Not when {@code codestral.prefetch} is off, the API is pausing as-you-type
   * requests, or the call would leave less than {@value #ACCEPTED_KEEPS_FREE} of the minute's
   * budget: it is the call the editor's next request would make anyway, only earlier.
   */
  public void suggestionAccepted(PlacedSuggestion accepted) {
    askAhead(accepted, ACCEPTED_KEEPS_FREE);
  }

  /**
   * The editor showed a suggestion: as {@link #suggestionAccepted}, so the next one is ready by the
   * time the user has read this one and accepts it; only while {@value #SHOWN_KEEPS_FREE} of the
   * minute's budget would stay unused, since not every suggestion shown is taken. An edit other
   * than typing or accepting it drops the call (see {@link NextSuggestions}).
   */
  public void suggestionShown(PlacedSuggestion shown) {
    askAhead(shown, SHOWN_KEEPS_FREE);
  }

  /** What became of the suggestions asked for ahead. */
  public PrefetchStats prefetchStats() {
    return nextSuggestions.stats();
  }

  /** The editor closed a document: nothing of it is kept. */
  public void documentClosed(String uri) {
    live.getOrDefault(uri, List.of()).forEach(Ticket::supersede);
    releaseSpare(uri);
    typedAhead.forget(uri);
  }

  /**
   * Gets ready for the first completion on the warm-up executor, not on the caller's thread (the
   * message thread, which the editor's first {@code didOpen} would wait behind): builds the caches
   * and has the provider open its connection. Costs no tokens; failures are only logged.
   */
  public CompletableFuture<Void> warmUp() {
    return CompletableFuture.runAsync(
            () -> {
              cache.prepare();
              typedAhead.prepare();
            },
            warmUpExecutor)
        .thenCompose(ignored -> backend.warmUp())
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                LOG.log(Level.DEBUG, "Warm-up failed: {0}", String.valueOf(error));
              }
            });
  }

  /** Asks for the suggestion after {@code placed}, if the plan and the budget allow. */
  private void askAhead(PlacedSuggestion placed, double keptFree) {
    Settings current = settings.get();
    if (!current.pacing().prefetch()
        || !current.completion().enabled()
        || windows.excludes(placed.uri(), current.prompt())) {
      return;
    }
    Optional<NextSuggestions.Plan> planned =
        nextSuggestions.plan(placed, documents.get(placed.uri()));
    if (planned.isEmpty()) {
      return;
    }
    NextSuggestions.Plan plan = planned.get();
    int estimate = RequestBudget.estimateTokens(0, current.completion().maxTokens());
    if (!backend.admits(false) || !budget.hasRoom(estimate, current.pacing(), keptFree)) {
      nextSuggestions.skipped();
      return;
    }
    // Not a live request: it supersedes nobody, and only an edit off its way drops it.
    Ticket ahead = new Ticket(plan.uri, plan.expected, plan.cursor);
    nextSuggestions.started(plan, ahead::abort);
    ahead.answer.whenComplete((outcome, error) -> nextSuggestions.finished(plan));
    guarded(
        ahead,
        () ->
            call(
                ahead,
                windows.build(plan.expected, plan.cursor, current.prompt()),
                Trigger.AUTOMATIC,
                current,
                true));
  }

  private void start(Ticket ticket, Trigger trigger, SelectedText selected, Settings current) {
    if (ticket.isClosed()) {
      return;
    }
    FimWindow window = windows.build(ticket.snapshot, ticket.cursor, selected, current.prompt());
    Optional<TypedAheadIndex.Match<SuggestionSource>> match =
        typedAhead.find(ticket.uri, window.prefix(), window.cursorOffset(), window.lineSuffix());
    boolean reused = match.isPresent() && reuse(ticket, match.get());
    if (reused && match.get().entry().context().ahead && match.get().entry().context().firstUse()) {
      nextSuggestions.used();
    }
    // Joined (or not needed): the superseded call may go now, unless this request shares it.
    releaseSpare(ticket.uri);
    if (reused) {
      return;
    }
    long delay = trigger == Trigger.AUTOMATIC ? debounce.delayMillis(current.pacing()) : 0;
    if (delay <= 0) {
      call(ticket, window, trigger, current, false);
      return;
    }
    CompletableFuture<Void> timer = scheduler.after(Duration.ofMillis(delay));
    timer.thenRun(() -> guarded(ticket, () -> call(ticket, window, trigger, current, false)));
    Runnable cancelTimer = () -> timer.cancel(false);
    if (!ticket.setTimer(cancelTimer)) {
      cancelTimer.run();
    }
  }

  /** Answers from a suggestion the user is typing into; false when it cannot be used after all. */
  private boolean reuse(Ticket ticket, TypedAheadIndex.Match<SuggestionSource> match) {
    TypedAheadIndex.Entry<SuggestionSource> entry = match.entry();
    SuggestionSource source = entry.context();
    String typed = match.typed();
    if (entry.isFinished()) {
      String rest = entry.text().substring(typed.length());
      LOG.log(Level.DEBUG, "Typed ahead {0} chars into a suggestion: no call", typed.length());
      ticket.answer(
          new CompletionOutcome(
              ticket.snapshot,
              ticket.cursor,
              List.of(new Suggestion(rest, source.replacedSuffixLength))));
      return true;
    }
    Optional<CompletableFuture<FimResult>> joined = cache.join(source.request);
    if (joined.isEmpty()) {
      return false;
    }
    CompletableFuture<FimResult> waiter = joined.get();
    if (!ticket.attach(waiter)) {
      waiter.cancel(true);
      return true;
    }
    LOG.log(
        Level.DEBUG,
        "Typed ahead {0} chars into a streaming suggestion: joining its call",
        typed.length());
    waiter.whenComplete(
        (result, error) -> {
          if (error != null) {
            ticket.fail(error);
            return;
          }
          Optional<Suggestion> whole =
              postProcessor
                  .process(source.prepared, result.text(), false, truncated(result))
                  .stream()
                  .findFirst();
          List<Suggestion> rest =
              whole
                  .filter(s -> s.text().length() > typed.length() && s.text().startsWith(typed))
                  .map(
                      s ->
                          List.of(
                              new Suggestion(
                                  s.text().substring(typed.length()), s.replacedSuffixLength())))
                  .orElse(List.of());
          ticket.answer(new CompletionOutcome(ticket.snapshot, ticket.cursor, rest));
        });
    return true;
  }

  /**
   * @param ahead asked for before the editor asked: it may answer a request at its own position
   */
  private void call(
      Ticket ticket, FimWindow window, Trigger trigger, Settings current, boolean ahead) {
    if (ticket.isClosed()) {
      return;
    }
    // The context the fixes need, worked out once: the stop rule decides by it while the model
    // answers.
    PostProcessor.Prepared prepared = postProcessor.prepare(window);
    StopRule rule = new StopRule(postProcessor, prepared);
    FimRequest request = request(window, current, rule);
    SuggestionSource source = new SuggestionSource(request, prepared, ahead);
    TypedAheadIndex.Entry<SuggestionSource> entry =
        typedAhead.remember(
            ticket.uri, window.prefix(), window.cursorOffset(), window.lineSuffix(), source, ahead);
    boolean invoked = trigger == Trigger.INVOKED;
    // Fault policy: during a rate-limit cool-down the backend holds as-you-type requests.
    if (!backend.admits(invoked)) {
      ticket.answer(CompletionOutcome.none(ticket.snapshot, ticket.cursor));
      return;
    }
    int tokens =
        RequestBudget.estimateTokens(
            request.prompt().length() + request.suffix().length(), request.maxTokens());
    CompletableFuture<FimResult> waiter =
        cache.get(
            request,
            key -> {
              // Only a real call spends the budget; a cache hit is free.
              if (trigger == Trigger.AUTOMATIC) {
                if (!budget.tryAcquire(tokens, current.pacing())) {
                  return CompletableFuture.failedFuture(new OverBudget());
                }
              } else {
                budget.record(tokens);
              }
              return backend.complete(
                  key,
                  textSoFar -> {
                    entry.grow(textSoFar);
                    return rule.isDecided(textSoFar);
                  },
                  invoked);
            });
    if (!ticket.attach(waiter)) {
      ticket.handOver(waiter);
      return;
    }
    waiter.whenComplete(
        (result, error) -> {
          if (error != null) {
            entry.discard();
            if (BackendException.unwrap(error) instanceof OverBudget) {
              LOG.log(Level.DEBUG, "As-you-type completion skipped: the minute's budget is spent");
              ticket.answer(CompletionOutcome.none(ticket.snapshot, ticket.cursor));
            } else {
              ticket.fail(error);
            }
            return;
          }
          CompletionOutcome outcome = outcome(ticket.snapshot, window, prepared, result, trigger);
          if (outcome.suggestions().isEmpty()) {
            entry.discard();
          } else {
            Suggestion best = outcome.suggestions().get(0);
            source.replacedSuffixLength = best.replacedSuffixLength();
            entry.finish(best.text());
          }
          ticket.answer(outcome);
        });
  }

  private static FimRequest request(FimWindow window, Settings settings, StopRule rule) {
    Settings.Completion completion = settings.completion();
    return new FimRequest(
        settings.completionModel(),
        window.prompt(),
        window.suffix(),
        rule.maxTokens(completion.maxTokens()),
        completion.temperature(),
        rule.stops(completion.stop()));
  }

  private CompletionOutcome outcome(
      DocumentSnapshot snapshot,
      FimWindow window,
      PostProcessor.Prepared prepared,
      FimResult result,
      Trigger trigger) {
    windows.observe(window, result.usage() == null ? -1 : result.usage().promptTokens());
    List<Suggestion> suggestions =
        postProcessor.process(
            prepared, result.text(), trigger == Trigger.INVOKED, truncated(result));
    LOG.log(
        Level.DEBUG,
        "Completion for {0} v{1}: {2} chars raw, finish {3}",
        snapshot.uri(),
        snapshot.version(),
        result.text().length(),
        result.finishReason());
    return new CompletionOutcome(snapshot, window.cursorOffset(), suggestions);
  }

  /** The completion-menu selection as offsets of the snapshot, or null. */
  private SelectedText selectedText(DocumentSnapshot snapshot, CompletionQuery query) {
    if (query.selected() == null || query.selected().range() == null) {
      return null;
    }
    return new SelectedText(
        snapshot.offsetAt(query.selected().range().start(), documents.encoding()),
        snapshot.offsetAt(query.selected().range().end(), documents.encoding()),
        query.selected().text());
  }

  /** Keeps a superseded request's call for the next request of the document, for a short while. */
  private void holdSpare(String uri, CompletableFuture<FimResult> waiter) {
    if (waiter.isDone()) {
      return;
    }
    CompletableFuture<FimResult> previous = spares.put(uri, waiter);
    if (previous != null && previous != waiter) {
      previous.cancel(true);
    }
    scheduler
        .after(Duration.ofMillis(SPARE_GRACE_MS))
        .thenRun(
            () -> {
              if (spares.remove(uri, waiter)) {
                waiter.cancel(true);
              }
            });
  }

  private void releaseSpare(String uri) {
    CompletableFuture<FimResult> spare = spares.remove(uri);
    if (spare != null) {
      spare.cancel(true);
    }
  }

  private static void guarded(Ticket ticket, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      ticket.fail(e);
    }
  }

  /** Whether the model stopped at its token limit, leaving its last line unfinished. */
  private static boolean truncated(FimResult result) {
    return "length".equals(result.finishReason()) || "model_length".equals(result.finishReason());
  }

  /** What a call was made for, kept with its suggestion for typed-ahead reuse. */
  private static final class SuggestionSource {
    final FimRequest request;
    final PostProcessor.Prepared prepared;
    final boolean ahead;
    private final AtomicBoolean used = new AtomicBoolean();
    volatile int replacedSuffixLength;

    SuggestionSource(FimRequest request, PostProcessor.Prepared prepared, boolean ahead) {
      this.request = request;
      this.prepared = prepared;
      this.ahead = ahead;
    }

    /** True the first time only: a suggestion asked for ahead counts as used once. */
    boolean firstUse() {
      return used.compareAndSet(false, true);
    }
  }

  /** An as-you-type call refused by the client-side budget: answered empty, never cached. */
  private static final class OverBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverBudget() {
      super("the minute's completion budget is spent", null, false, false);
    }
  }

  /**
   * One live request: its answer, and what it waits on (a debounce timer, then a call) so that
   * superseding or cancelling it lets go of exactly those.
   */
  private final class Ticket {
    final String uri;
    final DocumentSnapshot snapshot;
    final int cursor;
    final CompletableFuture<CompletionOutcome> answer = new CompletableFuture<>();
    private CompletableFuture<FimResult> waiter;
    private Runnable cancelTimer;
    private boolean closed;
    private boolean superseded;

    Ticket(String uri, DocumentSnapshot snapshot, int cursor) {
      this.uri = uri;
      this.snapshot = snapshot;
      this.cursor = cursor;
    }

    /** Whether both ask about the same text at the same place, so neither supersedes the other. */
    boolean sameQueryAs(Ticket other) {
      return snapshot.version() == other.snapshot.version() && cursor == other.cursor;
    }

    synchronized boolean isClosed() {
      return closed || answer.isDone();
    }

    /** Waits on this call from now on; false when the ticket is already over. */
    synchronized boolean attach(CompletableFuture<FimResult> call) {
      if (isClosed()) {
        return false;
      }
      waiter = call;
      cancelTimer = null;
      return true;
    }

    synchronized boolean setTimer(Runnable cancel) {
      if (isClosed()) {
        return false;
      }
      cancelTimer = cancel;
      return true;
    }

    void answer(CompletionOutcome outcome) {
      answer.complete(outcome);
    }

    void fail(Throwable error) {
      answer.completeExceptionally(BackendException.unwrap(error));
    }

    /** A newer request or an edit: answer empty now, keep the call as the document's spare. */
    void supersede() {
      CompletableFuture<FimResult> call;
      Runnable timer;
      synchronized (this) {
        if (isClosed()) {
          return;
        }
        closed = true;
        superseded = true;
        call = waiter;
        timer = cancelTimer;
      }
      if (timer != null) {
        timer.run();
      }
      answer.complete(CompletionOutcome.none(snapshot, cursor));
      if (call != null) {
        holdSpare(uri, call);
      }
    }

    /** A call started after the ticket was over: a spare if superseded, else left at once. */
    void handOver(CompletableFuture<FimResult> call) {
      boolean spare;
      synchronized (this) {
        spare = superseded;
      }
      if (spare) {
        holdSpare(uri, call);
      } else {
        call.cancel(true);
      }
    }

    /** Cancelled by the editor: leave the call at once. */
    void abort() {
      CompletableFuture<FimResult> call;
      Runnable timer;
      synchronized (this) {
        closed = true;
        call = waiter;
        timer = cancelTimer;
        waiter = null;
        cancelTimer = null;
      }
      if (timer != null) {
        timer.run();
      }
      if (call != null) {
        call.cancel(true);
      }
    }
  }
}
