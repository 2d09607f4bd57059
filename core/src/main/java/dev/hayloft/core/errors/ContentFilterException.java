package dev.hayloft.core.errors;

/**
 * The provider's content filter blocked the prompt or the completion; not retryable.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (ContentFilterException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class ContentFilterException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public ContentFilterException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
