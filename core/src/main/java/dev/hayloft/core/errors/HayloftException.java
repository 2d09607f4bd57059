package dev.hayloft.core.errors;

/**
 * Root of Hayloft's unchecked exception hierarchy.
 *
 * <p>Every error that Hayloft raises on purpose is a {@code HayloftException}; the cause of
 * the underlying failure (an I/O error, a provider SDK exception, a user function's
 * exception) is always chained, never swallowed.
 *
 * <pre>{@code
 * try {
 *     pipeline.run(inputs);
 * } catch (RateLimitException e) {
 *     sleep(e.retryAfter().orElse(Duration.ofSeconds(1)));
 * } catch (HayloftException e) {
 *     log.error("generation failed", e);
 * }
 * }</pre>
 */
public class HayloftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HayloftException(String message) {
        super(message);
    }

    public HayloftException(String message, Throwable cause) {
        super(message, cause);
    }
}
