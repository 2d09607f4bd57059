package dev.hayloft.fallback.internal;

import dev.hayloft.core.listener.CircuitBreakerEvent.State;
import dev.hayloft.fallback.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The circuit breaker of one wrapped generator: closed (calls go through, consecutive
 * failures counted), open (calls skip it until the cooldown ends), half-open (one probe goes
 * through). Thread-safe: each method is one short critical section; the transitions it made
 * are appended to the caller's list, to be reported outside the lock. A disabled circuit
 * ({@code null} settings) always lets calls through and never changes.
 *
 * <pre>{@code
 * List<Circuit.Transition> changes = new ArrayList<>();
 * Circuit.Permit p = circuit.tryAcquire(changes);     // null: skip the generator
 * circuit.onFailure(p, true, false, retryAfter, error, changes);
 * }</pre>
 */
public final class Circuit {
    /** A state change, reported to listeners. */
    public record Transition(State previous, State state, int failures, Instant openUntil, Throwable cause) {
    }

    /** Leave to call the generator once; {@code probe} for the half-open trial call. */
    public record Permit(boolean probe) {
    }

    /** A snapshot for {@code FallbackChatGenerator.circuits()}. */
    public record Snapshot(State state, int failures, Instant openUntil) {
    }

    private static final Permit NORMAL = new Permit(false);
    private static final Permit PROBE = new Permit(true);

    private final CircuitBreaker settings;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openUntil;
    private boolean probing;

    public Circuit(CircuitBreaker settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether calls may go to the generator now; null when its circuit is open (or another call is probing). */
    public synchronized Permit tryAcquire(List<Transition> out) {
        if (settings == null || state == State.CLOSED) {
            return NORMAL;
        }
        if (state == State.OPEN) {
            if (clock.instant().isBefore(openUntil)) {
                return null;
            }
            move(State.HALF_OPEN, null, out);
        }
        if (probing) {
            return null;
        }
        probing = true;
        return PROBE;
    }

    /** The call succeeded: a probe closes the circuit, a normal call resets the failure count. */
    public synchronized void onSuccess(Permit p, List<Transition> out) {
        if (settings == null) {
            return;
        }
        if (p.probe()) {
            probing = false;
            failures = 0;
            move(State.CLOSED, null, out);
        } else if (state == State.CLOSED) {
            failures = 0;
        }
    }

    /**
     * The call failed. Failures that say nothing about the generator ({@code counts} false)
     * only give the permit back; others count, and the threshold (or {@code openAtOnce})
     * opens the circuit for the cooldown, the longer of the settings' and {@code retryAfter}.
     */
    public synchronized void onFailure(Permit p, boolean counts, boolean openAtOnce, Duration retryAfter,
            Throwable cause, List<Transition> out) {
        if (settings == null) {
            return;
        }
        if (!counts) {
            release(p);
            return;
        }
        if (p.probe()) {
            probing = false;
            failures++;
            open(retryAfter, cause, out);
        } else if (state == State.CLOSED) {
            failures++;
            if (openAtOnce || failures >= settings.failureThreshold()) {
                open(retryAfter, cause, out);
            }
        }
    }

    /** The call ended without a verdict (cancelled, or the request's own fault): a probe's turn passes to the next call. */
    public synchronized void release(Permit p) {
        if (p.probe()) {
            probing = false;
        }
    }

    /** The circuit's clock's time. */
    public Instant now() {
        return clock.instant();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(state, failures, state == State.OPEN ? openUntil : null);
    }

    private void open(Duration retryAfter, Throwable cause, List<Transition> out) {
        openUntil = clock.instant().plus(settings.cooldownFor(retryAfter));
        move(State.OPEN, cause, out);
    }

    private void move(State to, Throwable cause, List<Transition> out) {
        State from = state;
        state = to;
        out.add(new Transition(from, to, failures, to == State.OPEN ? openUntil : null, cause));
    }
}
