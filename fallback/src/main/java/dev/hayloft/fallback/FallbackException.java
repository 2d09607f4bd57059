package dev.hayloft.fallback;

import dev.hayloft.core.errors.GenerationException;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FallbackChatGenerator} request failed: every generator failed, the policy stopped
 * at a failure it does not fail over on, the total budget ran out, every circuit was open, a
 * generator failed after its chunks were delivered and {@link StreamingPolicy} forbids failover
 * then, or the streaming callback threw.
 *
 * <p>The cause is the last (deciding) failure; <em>every</em> attempt's exception, in order, is
 * attached as suppressed ({@code getSuppressed()}), and {@link #attempts()} describes each
 * generator reached. The HTTP status and {@code Retry-After} are the deciding failure's;
 * {@link #isRetryable()} says whether trying the same request later may succeed.
 *
 * <pre>{@code
 * try {
 *     fallback.run(messages);
 * } catch (FallbackException e) {
 *     log.warn("{}: {}", e.reason(), e.failedChatGenerators());
 *     for (Throwable attempt : e.getSuppressed()) log.debug("attempt failed", attempt);
 *     if (e.getCause() instanceof ContextLengthExceededException) shorten(messages);
 * }
 * }</pre>
 */
public class FallbackException extends GenerationException {
    private static final long serialVersionUID = 1L;

    /** The provider name in the exception's details. */
    public static final String PROVIDER = "fallback";

    /** Why the request failed. */
    public enum Reason {
        /** Every generator was tried and failed. */
        ALL_FAILED,
        /** The failover policy stopped at a failure ({@link FailoverPolicy.Action#FAIL}). */
        FAIL_FAST,
        /** A generator failed after its chunks were delivered, and failover after the commit point is off. */
        STREAM_STARTED,
        /** The total budget ran out. */
        BUDGET_EXHAUSTED,
        /** No generator could be called: every remaining circuit was open. */
        NO_GENERATOR_AVAILABLE,
        /** The streaming callback threw (its exception is the cause). */
        STREAMING_CALLBACK_FAILED
    }

    private final Reason reason;
    private final transient List<FallbackAttempt> attempts;
    private final List<String> failedChatGenerators;

    public FallbackException(String message, Details details, Throwable cause, Reason reason,
            List<FallbackAttempt> attempts, List<String> failedChatGenerators) {
        super(message, details, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.attempts = List.copyOf(attempts);
        this.failedChatGenerators = List.copyOf(failedChatGenerators);
    }

    /** Why the request failed. */
    public Reason reason() {
        return reason;
    }

    /** One record per generator the request reached, in order. */
    public List<FallbackAttempt> attempts() {
        return attempts == null ? List.of() : attempts;
    }

    /** The class names of the generators that were called and failed, in order (Haystack's {@code failed_chat_generators}). */
    public List<String> failedChatGenerators() {
        return failedChatGenerators;
    }
}
