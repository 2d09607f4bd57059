package dev.hayloft.fallback;

import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ConnectionException;
import dev.hayloft.core.errors.ContentFilterException;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What kind of failure ended an attempt, classified from core's exception hierarchy
 * ({@link #of}); the {@link FailoverPolicy} decides per kind what happens next.
 *
 * <pre>{@code
 * FailureKind kind = FailureKind.of(new RateLimitException("slow down", GenerationException.details("openai")
 *         .statusCode(429), null));   // RATE_LIMIT
 * }</pre>
 */
public enum FailureKind {
    /** {@link RateLimitException}: HTTP 429, quotas. */
    RATE_LIMIT,
    /** {@link GenerationTimeoutException} (HTTP 408, read/connect timeouts, the time-to-first-token timeout) or a {@link TimeoutException}. */
    TIMEOUT,
    /** {@link ConnectionException}: refused, reset or cut connections. */
    CONNECTION,
    /** {@link ServerErrorException}: HTTP 5xx, unreadable responses, errors inside a stream. */
    SERVER_ERROR,
    /** {@link AuthenticationException}: HTTP 401/403, a credential that no retry fixes. */
    AUTHENTICATION,
    /** {@link ContextLengthExceededException}: the prompt does not fit this model's window. */
    CONTEXT_LENGTH,
    /** {@link ContentFilterException}: the provider's filter blocked the prompt or the reply. */
    CONTENT_FILTER,
    /** {@link InvalidRequestException} (HTTP 400/404/409/422) of any other kind. */
    INVALID_REQUEST,
    /** Anything else: other {@code GenerationException}s, a model that failed to load, a bug. */
    OTHER;

    /** The most specific kind of {@code error} (null counts as {@link #OTHER}). */
    public static FailureKind of(Throwable error) {
        if (error instanceof RateLimitException) {
            return RATE_LIMIT;
        }
        if (error instanceof GenerationTimeoutException || error instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof ConnectionException) {
            return CONNECTION;
        }
        if (error instanceof ServerErrorException) {
            return SERVER_ERROR;
        }
        if (error instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (error instanceof ContextLengthExceededException) {
            return CONTEXT_LENGTH;
        }
        if (error instanceof ContentFilterException) {
            return CONTENT_FILTER;
        }
        if (error instanceof InvalidRequestException) {
            return INVALID_REQUEST;
        }
        return OTHER;
    }

    /**
     * Whether this kind says something about the generator's health (counted by its circuit
     * breaker), rather than about the request: rate limits, timeouts, connection and server
     * errors, authentication and {@link #OTHER}; not invalid requests, context length or
     * content filtering, which every provider would refuse alike.
     */
    public boolean isGeneratorFailure() {
        return this != CONTEXT_LENGTH && this != CONTENT_FILTER && this != INVALID_REQUEST;
    }

    /** The snake_case name used in dicts and meta, e.g. {@code "rate_limit"}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code value} ({@link #value()}). */
    public static FailureKind fromValue(String value) {
        for (FailureKind k : values()) {
            if (k.value().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown failure kind '" + value + "'; known: " + java.util.Arrays
                .stream(values()).map(FailureKind::value).toList());
    }
}
