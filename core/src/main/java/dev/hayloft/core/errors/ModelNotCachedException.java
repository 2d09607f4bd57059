package dev.hayloft.core.errors;

/**
 * The model is not in the local cache and cannot be downloaded: offline mode ({@code HF_HUB_OFFLINE}) is on, or the hub cannot be reached.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelNotCachedException e) {
 *     System.err.println(e.repoId() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelNotCachedException extends ModelDownloadException {
    private static final long serialVersionUID = 1L;

    public ModelNotCachedException(String message, String repoId, String fileName, Integer statusCode, Throwable cause) {
        super(message, repoId, fileName, statusCode, cause);
    }
}
