package dev.hayloft.core.internal;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchProgress;
import dev.hayloft.core.answers.BatchProgressListener;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch of answer requests with at most {@code concurrency} in flight: the next request
 * starts when one ends (a trampoline, so requests that end at once never nest on the stack).
 * Each request's outcome is kept at its index, failures included; progress goes to the
 * listeners one call at a time. Cancelling the returned future cancels the requests in flight
 * and starts no more.
 *
 * <pre>{@code
 * CompletableFuture<AnswerBatch> f = new BatchRun(requests, 4, null, listeners, Clock.systemUTC(),
 *         r -> answerer.runAsync(r.query(), r.documents(), null, null)).start();
 * }</pre>
 */
public final class BatchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

    private final List<AnswerRequest> requests;
    private final int concurrency;
    private final Executor executor;
    private final List<BatchProgressListener> listeners;
    private final Clock clock;
    private final Function<AnswerRequest, CompletableFuture<DocumentAnswerGenerator.Result>> answer;
    private final AnswerBatch.Item[] items;
    private final AtomicInteger pumping = new AtomicInteger();
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private final Set<BatchProgressListener> brokenListeners = Collections.newSetFromMap(new IdentityHashMap<>());
    private final CompletableFuture<AnswerBatch> done = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            for (CompletableFuture<?> f : running) {
                f.cancel(mayInterruptIfRunning);
            }
            return cancelled;
        }
    };
    private Instant started;   // guarded by this
    private int next;          // guarded by this
    private int inFlight;      // guarded by this
    private int completed;     // guarded by this
    private int failed;        // guarded by this

    /**
     * A batch of {@code requests}, each answered by {@code answer}.
     *
     * @param executor where each request is started (its prompt prepared), or null for the thread at hand
     */
    public BatchRun(List<AnswerRequest> requests, int concurrency, Executor executor,
            List<BatchProgressListener> listeners, Clock clock,
            Function<AnswerRequest, CompletableFuture<DocumentAnswerGenerator.Result>> answer) {
        this.requests = List.copyOf(requests);
        this.concurrency = concurrency;
        this.executor = executor;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.answer = answer;
        this.items = new AnswerBatch.Item[this.requests.size()];
    }

    /** Starts the batch; the future completes with every request's outcome. */
    public CompletableFuture<AnswerBatch> start() {
        AnswerBatch empty = null;
        synchronized (this) {
            started = clock.instant();
            BatchProgress p = progress(null);
            listeners.forEach(l -> notify(l, () -> l.onStart(p)));
            if (requests.isEmpty()) {
                empty = finish(p);
            }
        }
        if (empty != null) {
            done.complete(empty);
        }
        pump();
        return done;
    }

    private void pump() {
        if (pumping.getAndIncrement() > 0) {
            return;
        }
        do {
            while (true) {
                int i;
                synchronized (this) {
                    if (done.isDone() || next >= requests.size() || inFlight >= concurrency) {
                        break;
                    }
                    i = next++;
                    inFlight++;
                }
                launch(i);
            }
        } while (pumping.decrementAndGet() > 0);
    }

    private void launch(int i) {
        AnswerRequest request = requests.get(i);
        CompletableFuture<DocumentAnswerGenerator.Result> f;
        try {
            f = executor == null ? answer.apply(request)
                    : CompletableFuture.supplyAsync(() -> answer.apply(request), executor).thenCompose(x -> x);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<DocumentAnswerGenerator.Result> started = f;
        running.add(started);
        started.whenComplete((r, t) -> {
            running.remove(started);
            ended(i, request, r, t);
            pump();
        });
    }

    private void ended(int i, AnswerRequest request, DocumentAnswerGenerator.Result r, Throwable t) {
        AnswerBatch batch = record(i, request, r, t);
        if (batch != null) {
            done.complete(batch);   // outside the lock: dependents run here
        }
    }

    /** Keeps the outcome and reports progress; the whole batch once the last request ended, else null. */
    private synchronized AnswerBatch record(int i, AnswerRequest request, DocumentAnswerGenerator.Result r,
            Throwable t) {
        Throwable error = t == null ? null : Futures.unwrap(t);
        if (error == null && r == null) {
            error = new IllegalStateException("the answer request completed without a result");
        }
        AnswerBatch.Item item = new AnswerBatch.Item(i, request.query(), error == null ? r : null, error);
        items[i] = item;
        inFlight--;
        completed++;
        if (error != null) {
            failed++;
            LOG.debug("Answer request {} of the batch failed", i, error);
        }
        if (done.isDone()) {
            return null;
        }
        BatchProgress p = progress(item);
        listeners.forEach(l -> notify(l, () -> l.onProgress(p)));
        return completed == requests.size() ? finish(p) : null;
    }

    private AnswerBatch finish(BatchProgress p) {
        AnswerBatch batch = new AnswerBatch(new ArrayList<>(Arrays.asList(items)));
        listeners.forEach(l -> notify(l, () -> l.onFinish(batch, p)));
        return batch;
    }

    private BatchProgress progress(AnswerBatch.Item last) {
        Duration elapsed = Duration.between(started, clock.instant());
        return new BatchProgress(requests.size(), completed, failed, elapsed.isNegative() ? Duration.ZERO : elapsed,
                last);
    }

    /** Calls a listener; a failure is logged (a warning the first time per listener, then at debug level). */
    private void notify(BatchProgressListener l, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (brokenListeners.add(l)) {
                LOG.warn("Batch progress listener {} failed; the batch goes on (its further failures are logged at "
                        + "debug level)", l, e);
            } else {
                LOG.debug("Batch progress listener {} failed again", l, e);
            }
        }
    }
}
