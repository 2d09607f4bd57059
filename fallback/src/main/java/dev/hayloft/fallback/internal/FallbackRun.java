package dev.hayloft.fallback.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.listener.CarriedContext;
import dev.hayloft.core.listener.CircuitBreakerEvent;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.fallback.AttemptFailure;
import dev.hayloft.fallback.FailoverPolicy.Action;
import dev.hayloft.fallback.FailureKind;
import dev.hayloft.fallback.FallbackAttempt;
import dev.hayloft.fallback.FallbackException;
import dev.hayloft.fallback.FallbackException.Reason;
import dev.hayloft.fallback.FallbackResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request of a {@code FallbackChatGenerator}: calls the wrapped generators one after the
 * other (asynchronously, each through its {@code runAsync}) until one succeeds or the policy,
 * the budget or the generators run out; skips generators whose circuit is open; reports to
 * the listeners (its own request, an {@code onRetry} per further generator, circuit changes).
 *
 * <p>Attempts never overlap: each ends exactly once (see {@link Attempt}) and only the thread
 * that ended it starts the next, so the bookkeeping needs no lock. Cancelling the result
 * cancels the attempt in flight; chunks reach the user only through the {@link StreamGate}.
 *
 * <pre>{@code
 * CompletableFuture<FallbackResult> f = new FallbackRun(settings, observation, listeners, messages, kwargs,
 *         tools, callback).start();
 * }</pre>
 */
public final class FallbackRun {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackRun.class);

    private final FallbackSettings settings;
    private final GenerationObservation observation;
    private final GenerationListeners listeners;
    private final List<ChatMessage> messages;
    private final Map<String, Object> generationKwargs;
    private final List<? extends ToolSource> tools;
    private final StreamGate gate;
    private final CompletableFuture<FallbackResult> result = new CompletableFuture<>();
    private final List<FallbackAttempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final AtomicReference<FallbackRun> budgetTarget = new AtomicReference<>(this);
    private volatile Attempt current;
    private volatile boolean budgetSpent;
    // touched only by the thread that ended the previous attempt (attempts never overlap)
    private int next;
    private int called;
    private Throwable last;
    /** The delegates' listeners' context, captured on the calling thread (later attempts start elsewhere). */
    private final CarriedContext caller;

    /**
     * @param callback the user's streaming callback (already reporting to the observation), or null
     */
    public FallbackRun(FallbackSettings settings, GenerationObservation observation, GenerationListeners listeners,
            List<ChatMessage> messages, Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback callback) {
        this.settings = settings;
        this.observation = observation;
        this.listeners = listeners;
        this.caller = delegateListeners(settings).carry(null);
        this.messages = messages;
        this.generationKwargs = generationKwargs;
        this.tools = tools;
        this.gate = callback == null ? null : new StreamGate(callback, settings.streaming());
    }

    /**
     * Validates the messages, opens the request's observation (provider {@code fallback}) and
     * starts it; a bad argument fails the returned future.
     *
     * @param callback the streaming callback in effect (run-time, else build-time), or null
     */
    public static CompletableFuture<FallbackResult> launch(Object component, FallbackSettings settings,
            GenerationListeners listeners, List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback callback) {
        try {
            if (messages == null) {
                throw new IllegalArgumentException("messages must not be null");
            }
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) == null) {
                    throw new IllegalArgumentException("messages[" + i + "] is null");
                }
            }
            List<ChatMessage> msgs = List.copyOf(messages);
            GenerationObservation obs = listeners.start(component, FallbackException.PROVIDER,
                    listeners.isEmpty() ? null : settings.slots().get(0).configuredModel(), callback != null, msgs,
                    () -> GenerationKwargs.merge(null, generationKwargs));
            return new FallbackRun(settings, obs, listeners, msgs, generationKwargs, tools, obs.wrap(callback)).start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts the first attempt; the future completes with the first success or a {@code FallbackException}. */
    public CompletableFuture<FallbackResult> start() {
        result.whenComplete((r, e) -> {
            budgetTarget.set(null);
            if (gate != null) {
                gate.close();
            }
            if (result.isCancelled()) {
                observation.failed(new CancellationException("the fallback request was cancelled"));
                Attempt a = current;
                if (a != null) {
                    a.cancel();
                }
            }
        });
        if (settings.totalTimeout() != null) {
            settings.timers().after(settings.totalTimeout(), () -> {
                FallbackRun target = budgetTarget.getAndSet(null);
                if (target != null) {
                    target.budgetRanOut();
                }
            });
        }
        advance();
        return result;
    }

    private void budgetRanOut() {
        budgetSpent = true;
        Attempt a = current;
        if (a != null && !a.isSettled()) {
            a.expire(true);
        }
    }

    private void advance() {
        while (!result.isDone()) {
            if (budgetSpent) {
                fail(Reason.BUDGET_EXHAUSTED, last, null);
                return;
            }
            if (next == settings.slots().size()) {
                fail(called == 0 ? Reason.NO_GENERATOR_AVAILABLE : Reason.ALL_FAILED, last, null);
                return;
            }
            Slot slot = settings.slots().get(next++);
            List<Circuit.Transition> changes = new ArrayList<>(1);
            Circuit.Permit permit = slot.circuit().tryAcquire(changes);
            report(slot, changes);
            if (permit == null) {
                attempts.add(Outcomes.skipped(slot));
                continue;
            }
            if (called > 0) {
                observation.retrying(Outcomes.asGenerationException(last), Duration.ZERO,
                        observation.isActive() ? slot.configuredModel() : null);
            }
            called++;
            Attempt a = new Attempt(this, slot, permit, called);
            current = a;
            // the delegate's own requests start in the caller's context (the delegates' listeners' view, as
            // later attempts start on the thread that ended the previous one), inside this attempt's (e.g. its span)
            try (CarriedContext.Scope outer = caller.enter(); CarriedContext.Scope inner = observation.carry().enter()) {
                a.start(gate == null ? null : gate.open(a));
            }
            if (budgetSpent) {
                a.expire(true); // the budget ran out while the attempt started
            }
            if (result.isDone()) {
                a.cancel();
            }
            return;
        }
    }

    /** The listeners of the delegates that have some (none: nothing to carry). */
    private static GenerationListeners delegateListeners(FallbackSettings settings) {
        List<GenerationListener> all = new ArrayList<>();
        for (Slot slot : settings.slots()) {
            if (slot.generator() instanceof Listenable) {
                for (GenerationListener l : ((Listenable) slot.generator()).listeners()) {
                    if (all.stream().noneMatch(x -> x == l)) {
                        all.add(l);
                    }
                }
            }
        }
        return GenerationListeners.of(all);
    }

    /** Called once per attempt, by whoever ended it. */
    void finished(Attempt a, Object value, Throwable error, long end) {
        if (error == null && !(value instanceof ChatGeneratorResult) && !(value instanceof FallbackResult)) {
            error = new IllegalStateException(a.slot() + " completed without a result");
        }
        if (error == null) {
            succeeded(a, value, end);
        } else {
            failed(a, error, end);
        }
    }

    private void succeeded(Attempt a, Object value, long end) {
        List<ChatMessage> replies;
        Map<String, Object> generatorMeta;
        if (value instanceof FallbackResult) {
            replies = ((FallbackResult) value).replies();
            generatorMeta = ((FallbackResult) value).meta();
        } else {
            replies = ((ChatGeneratorResult) value).replies();
            generatorMeta = Map.of();
        }
        List<Circuit.Transition> changes = new ArrayList<>(1);
        a.slot().circuit().onSuccess(a.permit(), changes);
        report(a.slot(), changes);
        if (result.isDone()) {
            attempts.add(Outcomes.cancelled(a, end));
            return;
        }
        if (gate != null && !gate.succeeded(a)) {
            attempts.add(Outcomes.failed(a, gate.callbackError(), FailureKind.OTHER, Action.FAIL, end));
            fail(Reason.STREAMING_CALLBACK_FAILED, gate.callbackError(), a);
            return;
        }
        attempts.add(Outcomes.succeeded(a, replies, end, a.wasDelivered()));
        FallbackResult r = new FallbackResult(replies, Outcomes.meta(generatorMeta, a.slot(), called, failed,
                attempts));
        observation.succeeded(replies);
        result.complete(r);
    }

    private void failed(Attempt a, Throwable error, long end) {
        boolean delivered = gate != null && gate.failed(a);
        Slot slot = a.slot();
        if (result.isDone()) {
            slot.circuit().release(a.permit());
            attempts.add(Outcomes.cancelled(a, end));
            return;
        }
        RuntimeException callbackError = gate == null ? null : gate.callbackError();
        if (callbackError != null) {
            slot.circuit().release(a.permit());
            attempts.add(Outcomes.failed(a, callbackError, FailureKind.OTHER, Action.FAIL, end));
            if (error != callbackError) {
                errors.add(error);
            }
            fail(Reason.STREAMING_CALLBACK_FAILED, callbackError, a);
            return;
        }
        FailureKind kind = FailureKind.of(error);
        Reason reason = null;
        Action action;
        if (a.budgetExpired()) {
            action = Action.FAIL;
            reason = Reason.BUDGET_EXHAUSTED;
        } else if (delivered && !settings.streaming().failoverAfterCommit()) {
            action = Action.FAIL;
            reason = Reason.STREAM_STARTED;
        } else {
            try {
                action = decide(a, kind, error, delivered);
            } catch (RuntimeException policyFailed) {
                slot.circuit().release(a.permit());
                attempts.add(Outcomes.failed(a, error, kind, Action.FAIL, end));
                errors.add(error);
                failed.add(slot.name());
                fail(Reason.FAIL_FAST, policyFailed, a);
                return;
            }
            reason = action == Action.FAIL ? Reason.FAIL_FAST : null;
        }
        List<Circuit.Transition> changes = new ArrayList<>(1);
        slot.circuit().onFailure(a.permit(), kind.isGeneratorFailure() && !a.budgetExpired(), action == Action.SKIP,
                error instanceof GenerationException ? ((GenerationException) error).retryAfter().orElse(null) : null,
                error, changes);
        report(slot, changes);
        attempts.add(Outcomes.failed(a, error, kind, action, end));
        errors.add(error);
        failed.add(slot.name());
        last = error;
        log(slot, kind, action, error);
        if (reason != null) {
            fail(reason, error, a);
        } else {
            advance();
        }
    }

    /** Ends the request with {@code bug}: something in the bookkeeping itself failed (never leaves the caller waiting). */
    void crashed(Throwable bug) {
        observation.failed(bug);
        result.completeExceptionally(bug);
    }

    private Action decide(Attempt a, FailureKind kind, Throwable error, boolean delivered) {
        AttemptFailure f = new AttemptFailure(a.slot().index(), a.slot().generator(), a.number(), kind, error,
                delivered, settings.slots().size() - 1 - a.slot().index());
        Action action = settings.policy().decide(f);
        if (action == null) {
            throw new IllegalStateException("The failover policy " + settings.policy() + " returned no action");
        }
        return action;
    }

    private void fail(Reason reason, Throwable cause, Attempt deciding) {
        RuntimeException e = Outcomes.exception(reason, cause, deciding, settings, attempts, errors, failed);
        observation.failed(e);
        result.completeExceptionally(e);
    }

    private void report(Slot slot, List<Circuit.Transition> changes) {
        if (changes.isEmpty() || listeners.isEmpty() || observation.context() == null) {
            return;
        }
        for (Circuit.Transition t : changes) {
            listeners.onCircuitStateChange(new CircuitBreakerEvent(observation.context(), slot.index(), slot.name(),
                    t.previous(), t.state(), t.failures(), t.openUntil(), t.cause()));
        }
    }

    private static void log(Slot slot, FailureKind kind, Action action, Throwable error) {
        if (action == Action.FAILOVER) {
            LOG.info("ChatGenerator {} failed ({}), failing over: {}", slot, kind.value(), Outcomes.describe(error));
        } else {
            LOG.warn("ChatGenerator {} failed ({}), {}: {}", slot, kind.value(), action == Action.SKIP
                    ? "skipping it (check its configuration)" : "not failing over", Outcomes.describe(error));
        }
    }

    FallbackSettings settings() {
        return settings;
    }

    List<ChatMessage> messages() {
        return messages;
    }

    Map<String, Object> generationKwargs() {
        return generationKwargs;
    }

    List<? extends ToolSource> tools() {
        return tools;
    }
}
