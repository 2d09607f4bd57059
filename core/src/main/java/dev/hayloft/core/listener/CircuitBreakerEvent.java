package dev.hayloft.core.listener;

import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker that guards one of the generators a component delegates to (e.g. a
 * {@code FallbackChatGenerator}'s wrapped chat generators) changed state during the request
 * of {@link #context()}: it opened after consecutive failures (or a failure that no retry
 * fixes), let a probe through after its cooldown ({@link State#HALF_OPEN}), or closed again
 * after the probe succeeded.
 *
 * <pre>{@code
 * public void onCircuitStateChange(CircuitBreakerEvent e) {
 *     log.warn("{}: generator #{} ({}) {} -> {} until {}", e.context().componentName(), e.generatorIndex(),
 *             e.generatorName(), e.previous(), e.state(), e.openUntil());
 * }
 * }</pre>
 *
 * @param context the request during which the state changed
 * @param generatorIndex the guarded generator's position among the delegates, from 0
 * @param generatorName the guarded generator's class's simple name
 * @param previous the state before
 * @param state the state now
 * @param consecutiveFailures the guarded generator's consecutive failures so far (0 once closed)
 * @param openUntil until when calls skip the generator; null unless {@code state} is {@link State#OPEN}
 * @param cause the failure that opened the circuit; null unless {@code state} is {@link State#OPEN}
 */
public record CircuitBreakerEvent(GenerationContext context, int generatorIndex, String generatorName,
        State previous, State state, int consecutiveFailures, Instant openUntil, Throwable cause) {

    /** The states of a circuit breaker. */
    public enum State {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls skip the generator until the cooldown ends. */
        OPEN,
        /** The cooldown ended: one call (the probe) goes through, the others still skip. */
        HALF_OPEN
    }

    public CircuitBreakerEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(generatorName, "generatorName");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(state, "state");
        if (generatorIndex < 0) {
            throw new IllegalArgumentException("generatorIndex must be >= 0, not " + generatorIndex);
        }
    }

    @Override
    public String toString() {
        return "CircuitBreakerEvent[context=" + context + ", generatorIndex=" + generatorIndex + ", generatorName="
                + generatorName + ", " + previous + " -> " + state + ", consecutiveFailures=" + consecutiveFailures
                + ", openUntil=" + openUntil + ", cause=" + (cause == null ? null : cause.getClass().getSimpleName())
                + "]";
    }
}
