package dev.hayloft.core.errors;

/**
 * The hub refused access (HTTP 401/403): the model is gated (its terms not accepted with this account) or private, or the token is missing, invalid or lacks permission. Not retryable until the token or the access changes.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelAccessException e) {
 *     System.err.println(e.repoId() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelAccessException extends ModelDownloadException {
    private static final long serialVersionUID = 1L;

    public ModelAccessException(String message, String repoId, String fileName, Integer statusCode, Throwable cause) {
        super(message, repoId, fileName, statusCode, cause);
    }
}
