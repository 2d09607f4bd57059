package dev.hayloft.core.errors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A generation request failed at the provider (a remote API or the local runtime).
 *
 * <p>Carries what a caller needs to decide what to do next: the {@link #provider()}, the
 * HTTP {@link #statusCode()} when there was one, the provider's {@link #requestId()} for
 * support tickets, whether a retry may succeed ({@link #isRetryable()}) and how long the
 * provider asked to wait ({@link #retryAfter()}).
 *
 * <p>Use {@link #forStatus} to classify an HTTP failure into the matching subclass:
 *
 * <pre>{@code
 * throw GenerationException.forStatus(GenerationException.details("huggingface")
 *         .statusCode(429).retryAfter(Duration.ofSeconds(2)), "rate limited", null);
 * }</pre>
 */
public class GenerationException extends HayloftException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final Integer statusCode;
    private final String requestId;
    private final boolean retryable;
    private final Duration retryAfter;

    public GenerationException(String message, Details details, Throwable cause) {
        super(decorate(message, Objects.requireNonNull(details, "details")), cause);
        this.provider = details.provider;
        this.statusCode = details.statusCode;
        this.requestId = details.requestId;
        this.retryable = details.retryable != null ? details.retryable : defaultRetryable(details.statusCode);
        this.retryAfter = details.retryAfter;
    }

    /** Starts the details of an error raised by {@code provider} (e.g. "openai"). */
    public static Details details(String provider) {
        return new Details(provider);
    }

    /**
     * Classifies a failed HTTP exchange into the most specific subclass: 401/403 →
     * {@link AuthenticationException}, 408 → {@link GenerationTimeoutException}, 429 →
     * {@link RateLimitException}, 5xx → {@link ServerErrorException}, other 4xx →
     * {@link InvalidRequestException}; anything else stays a {@code GenerationException}.
     */
    public static GenerationException forStatus(Details details, String message, Throwable cause) {
        Integer status = details.statusCode;
        if (status == null) {
            return new GenerationException(message, details, cause);
        }
        int s = status;
        if (s == 401 || s == 403) {
            return new AuthenticationException(message, details, cause);
        }
        if (s == 408) {
            return new GenerationTimeoutException(message, details, cause);
        }
        if (s == 429) {
            return new RateLimitException(message, details, cause);
        }
        if (s >= 500) {
            return new ServerErrorException(message, details, cause);
        }
        if (s >= 400) {
            return new InvalidRequestException(message, details, cause);
        }
        return new GenerationException(message, details, cause);
    }

    /** Whether HTTP status {@code status} is worth retrying by default (408, 409, 429, 5xx). */
    public static boolean defaultRetryable(Integer status) {
        if (status == null) {
            return false;
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    private static String decorate(String message, Details d) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(d.provider);
        if (d.statusCode != null) {
            sb.append(" HTTP ").append(d.statusCode);
        }
        if (d.requestId != null) {
            sb.append(", request-id ").append(d.requestId);
        }
        sb.append("] ").append(message == null ? "generation failed" : message);
        return sb.toString();
    }

    /** The provider that failed, e.g. {@code "openai"}, {@code "huggingface"}, {@code "local"}. */
    public String provider() {
        return provider;
    }

    /** The HTTP status code, when the failure came with one. */
    public OptionalInt statusCode() {
        return statusCode == null ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** The provider's request id (e.g. OpenAI's {@code x-request-id}), when known. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether the same request may succeed when retried later. */
    public boolean isRetryable() {
        return retryable;
    }

    /** How long the provider asked callers to wait before retrying ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Mutable collector of an error's details; only used while building the exception. */
    public static final class Details {
        private final String provider;
        private Integer statusCode;
        private String requestId;
        private Boolean retryable;
        private Duration retryAfter;

        private Details(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        public Details statusCode(Integer statusCode) {
            this.statusCode = statusCode;
            return this;
        }

        public Details requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** Overrides the retryability that the status code implies. */
        public Details retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        public Details retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }
    }
}
