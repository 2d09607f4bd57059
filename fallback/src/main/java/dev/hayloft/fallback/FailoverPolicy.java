package dev.hayloft.fallback;

import dev.hayloft.fallback.internal.PolicyTable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decides, after an attempt failed, whether the {@link FallbackChatGenerator} moves on to the
 * next chat generator. A value users can replace: a function of the {@link AttemptFailure}.
 *
 * <p>{@link #defaults()} classifies (see {@link FailureKind}): rate limits, timeouts, server and
 * connection errors {@link Action#FAILOVER fail over}; authentication errors
 * {@link Action#SKIP skip} the generator (fail over, and open its circuit at once when a
 * circuit breaker is on); invalid requests, context length and content filtering
 * {@link Action#FAIL fail fast} (every provider would refuse the same request), unless
 * {@link Builder#contextLengthFallback} lets a context-length failure go on to the next
 * generator (order them by window size); anything else fails over, as in Haystack.
 *
 * <pre>{@code
 * FailoverPolicy policy = FailoverPolicy.builder()
 *         .contextLengthFallback(true)
 *         .on(FailureKind.CONTENT_FILTER, FailoverPolicy.Action.FAILOVER)
 *         .build();
 * FailoverPolicy custom = FailoverPolicy.when(f -> f.kind().isGeneratorFailure() || f.remaining() > 1);
 * }</pre>
 */
@FunctionalInterface
public interface FailoverPolicy {

    /** What follows a failed attempt. */
    enum Action {
        /** Try the next generator. */
        FAILOVER,
        /**
         * Try the next generator; the failed one cannot serve any request as configured (e.g. bad
         * credentials), so with a circuit breaker its circuit opens at once.
         */
        SKIP,
        /** Stop: the request fails with a {@link FallbackException}. */
        FAIL;

        /** The lower-case name used in dicts and meta. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action named {@code value}. */
        public static Action fromValue(String value) {
            for (Action a : values()) {
                if (a.value().equals(value)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown action '" + value + "'; known: failover, skip, fail");
        }
    }

    /** What follows {@code failure}; must not return null. */
    Action decide(AttemptFailure failure);

    /** The classified default policy (see the class description). */
    static FailoverPolicy defaults() {
        return PolicyTable.DEFAULTS;
    }

    /** Haystack 2.19's behaviour: every failure fails over. */
    static FailoverPolicy always() {
        return PolicyTable.ALWAYS;
    }

    /** A builder starting from {@link #defaults()}. */
    static Builder builder() {
        return new Builder();
    }

    /** Fails over when {@code failOver} holds, else fails fast. */
    static FailoverPolicy when(Predicate<AttemptFailure> failOver) {
        Objects.requireNonNull(failOver, "failOver");
        return f -> failOver.test(f) ? Action.FAILOVER : Action.FAIL;
    }

    /** Gives {@code policy} a registered name under which it serialises (register it as a named function). */
    static FailoverPolicy named(String name, FailoverPolicy policy) {
        return new Named(name, policy);
    }

    /** The name a policy serialises under, or null. */
    static String nameOf(FailoverPolicy policy) {
        return policy instanceof Named ? ((Named) policy).name() : null;
    }

    /**
     * A policy with a serialisation name.
     *
     * @param name the registered name
     * @param delegate the policy
     */
    record Named(String name, FailoverPolicy delegate) implements FailoverPolicy {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(delegate, "delegate");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        @Override
        public Action decide(AttemptFailure failure) {
            return delegate.decide(failure);
        }
    }

    /**
     * Builds a policy that looks the action up by {@link FailureKind}; serialisable.
     *
     * <pre>{@code
     * FailoverPolicy p = FailoverPolicy.builder().on(FailureKind.INVALID_REQUEST, FailoverPolicy.Action.FAILOVER).build();
     * }</pre>
     */
    final class Builder {
        private final Map<FailureKind, Action> actions = new EnumMap<>(PolicyTable.DEFAULTS.actions());

        private Builder() {
        }

        /** What follows a failure of {@code kind}. */
        public Builder on(FailureKind kind, Action action) {
            actions.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Whether a context-length failure goes on to the next generator (true) or fails fast (false, the default). */
        public Builder contextLengthFallback(boolean enabled) {
            return on(FailureKind.CONTEXT_LENGTH, enabled ? Action.FAILOVER : Action.FAIL);
        }

        public FailoverPolicy build() {
            return new PolicyTable(actions);
        }
    }
}
