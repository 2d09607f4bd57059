package dev.hayloft.core.errors;

/**
 * A downloaded file does not match the hub's metadata (size, sha256 of an LFS file, git hash of a regular file). The partial file is removed, so the cache never holds it; retrying downloads it again.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelIntegrityException e) {
 *     System.err.println(e.repoId() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelIntegrityException extends ModelDownloadException {
    private static final long serialVersionUID = 1L;

    public ModelIntegrityException(String message, String repoId, String fileName, Integer statusCode, Throwable cause) {
        super(message, repoId, fileName, statusCode, cause);
    }
}
