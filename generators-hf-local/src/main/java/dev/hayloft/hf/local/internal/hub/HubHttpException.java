package dev.hayloft.hf.local.internal.hub;

/**
 * An HTTP error answer of the Hub, with its {@code X-Error-Code} ({@code GatedRepo},
 * {@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound}) and
 * {@code X-Error-Message}; {@link HubClient} turns it into a typed exception with the model's
 * context. Never carries request headers (the token).
 *
 * <pre>{@code
 * catch (HubHttpException e) { if (e.status() == 404 && "EntryNotFound".equals(e.errorCode())) { ... } }
 * }</pre>
 */
final class HubHttpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String errorMessage;
    private final String commit;

    HubHttpException(int status, String errorCode, String errorMessage, String commit) {
        super("HTTP " + status + (errorCode == null ? "" : " " + errorCode)
                + (errorMessage == null ? "" : ": " + errorMessage));
        this.status = status;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.commit = commit;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    String errorMessage() {
        return errorMessage;
    }

    /** {@code X-Repo-Commit} of the error answer (sent with EntryNotFound), or null. */
    String commit() {
        return commit;
    }

    /** A 404 for a file of an existing repository and revision. */
    boolean isMissingFile() {
        return status == 404 && (errorCode == null || errorCode.equals("EntryNotFound"));
    }
}
