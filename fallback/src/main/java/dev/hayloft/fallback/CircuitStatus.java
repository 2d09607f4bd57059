package dev.hayloft.fallback;

import dev.hayloft.core.listener.CircuitBreakerEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one wrapped generator's circuit breaker, from
 * {@link FallbackChatGenerator#circuits()} (for health checks; listeners get each change as a
 * {@link CircuitBreakerEvent}).
 *
 * <pre>{@code
 * for (CircuitStatus c : fallback.circuits()) {
 *     if (c.state() == CircuitBreakerEvent.State.OPEN) log.warn("{} skipped until {}", c.chatGeneratorClass(), c.openUntil());
 * }
 * }</pre>
 *
 * @param chatGeneratorIndex the generator's position in {@code chat_generators}
 * @param chatGeneratorClass its class's simple name
 * @param state closed, open or half-open (always closed when the breaker is off)
 * @param consecutiveFailures its consecutive failures so far
 * @param openUntil until when it is skipped; null unless open
 */
public record CircuitStatus(int chatGeneratorIndex, String chatGeneratorClass, CircuitBreakerEvent.State state,
        int consecutiveFailures, Instant openUntil) {
    public CircuitStatus {
        Objects.requireNonNull(chatGeneratorClass, "chatGeneratorClass");
        Objects.requireNonNull(state, "state");
    }
}
