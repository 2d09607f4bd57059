package dev.hayloft.core.errors;

/**
 * The hub has no such repository, revision or file (HTTP 404), or a file the model needs (its weights, a shard named in the index) is missing from it.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelNotFoundException e) {
 *     System.err.println(e.repoId() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelNotFoundException extends ModelDownloadException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message, String repoId, String fileName, Integer statusCode, Throwable cause) {
        super(message, repoId, fileName, statusCode, cause);
    }
}
