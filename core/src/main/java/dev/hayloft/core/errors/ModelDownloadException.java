package dev.hayloft.core.errors;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model could not be fetched from a model hub (the Hugging Face Hub or a mirror): raised at
 * {@code warmUp()} when a Hub id is not a local folder and its files cannot be downloaded or
 * found in the local cache. The subclasses say why: {@link ModelAccessException} (401/403: gated,
 * private, bad token), {@link ModelNotFoundException} (404: repository, revision or file),
 * {@link ModelIntegrityException} (size or checksum mismatch), {@link ModelNotCachedException}
 * (offline mode or the hub unreachable, and no cached copy). The message always names the
 * model and, when one is involved, the file, and says what to do; it never contains a token.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelAccessException e) {
 *     System.err.println(e.getMessage());   // which model, and how to get access
 * } catch (ModelDownloadException e) {
 *     System.err.println(e.repoId() + " " + e.fileName().orElse("") + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelDownloadException extends ModelLoadException {
    private static final long serialVersionUID = 1L;

    private final String repoId;
    private final String fileName;
    private final Integer statusCode;

    /**
     * @param message what happened and what to do
     * @param repoId the model's Hub id ({@code org/name})
     * @param fileName the file concerned, or null
     * @param statusCode the HTTP status, or null
     * @param cause the underlying failure, or null
     */
    public ModelDownloadException(String message, String repoId, String fileName, Integer statusCode,
            Throwable cause) {
        super(message, cause);
        this.repoId = repoId;
        this.fileName = fileName;
        this.statusCode = statusCode;
    }

    /** The model's Hub id ({@code org/name}). */
    public String repoId() {
        return repoId;
    }

    /** The file concerned, when the failure is about one file. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The HTTP status of the failed exchange, when there was one. */
    public OptionalInt statusCode() {
        return statusCode == null ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }
}
