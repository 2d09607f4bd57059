package dev.hayloft.fallback;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the per-generator circuit breakers of a {@link FallbackChatGenerator} (off
 * unless given). After {@code failureThreshold} consecutive failures of a generator (failures
 * that say something about the generator, see {@link FailureKind#isGeneratorFailure()}), or
 * one failure the policy {@link FailoverPolicy.Action#SKIP skips}, its circuit opens: calls
 * skip it for the cooldown, which is the longer of {@code cooldown} and the provider's
 * {@code Retry-After} (capped at {@code maxCooldown}). Then one call probes it (half-open): a
 * success closes the circuit, a failure opens it again.
 *
 * <pre>{@code
 * FallbackChatGenerator llm = FallbackChatGenerator.builder()
 *         .chatGenerators(List.of(primary, backup))
 *         .circuitBreaker(CircuitBreaker.of(3, Duration.ofSeconds(30)))
 *         .build();
 * }</pre>
 *
 * @param failureThreshold consecutive failures that open the circuit, at least 1
 * @param cooldown how long an open circuit skips the generator at least; positive
 * @param maxCooldown the longest cooldown a {@code Retry-After} can ask for; at least {@code cooldown}
 */
public record CircuitBreaker(int failureThreshold, Duration cooldown, Duration maxCooldown) {
    /** The default cap on a {@code Retry-After}-driven cooldown. */
    public static final Duration DEFAULT_MAX_COOLDOWN = Duration.ofMinutes(10);

    public CircuitBreaker {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("circuit_breaker.failure_threshold must be at least 1, not "
                    + failureThreshold);
        }
        Objects.requireNonNull(cooldown, "circuit_breaker.cooldown");
        Objects.requireNonNull(maxCooldown, "circuit_breaker.max_cooldown");
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("circuit_breaker.cooldown must be positive, not " + cooldown);
        }
        if (maxCooldown.compareTo(cooldown) < 0) {
            throw new IllegalArgumentException("circuit_breaker.max_cooldown (" + maxCooldown
                    + ") must not be shorter than the cooldown (" + cooldown + ")");
        }
    }

    /** Opens after {@code failureThreshold} consecutive failures for {@code cooldown} (Retry-After honoured up to 10 min). */
    public static CircuitBreaker of(int failureThreshold, Duration cooldown) {
        Objects.requireNonNull(cooldown, "circuit_breaker.cooldown");
        return new CircuitBreaker(failureThreshold, cooldown, cooldown.compareTo(DEFAULT_MAX_COOLDOWN) > 0 ? cooldown
                : DEFAULT_MAX_COOLDOWN);
    }

    /** How long a circuit opened by a failure that asked to wait {@code retryAfter} (may be null) stays open. */
    public Duration cooldownFor(Duration retryAfter) {
        if (retryAfter == null || retryAfter.compareTo(cooldown) <= 0) {
            return cooldown;
        }
        return retryAfter.compareTo(maxCooldown) > 0 ? maxCooldown : retryAfter;
    }
}
