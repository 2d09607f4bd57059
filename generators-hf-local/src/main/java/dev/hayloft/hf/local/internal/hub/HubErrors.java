package dev.hayloft.hf.local.internal.hub;

import dev.hayloft.core.errors.ModelAccessException;
import dev.hayloft.core.errors.ModelDownloadException;
import dev.hayloft.core.errors.ModelNotCachedException;
import dev.hayloft.core.errors.ModelNotFoundException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the Hub's error answers and network failures into Hayloft's typed download
 * exceptions, each naming the model (and file), the cause, and what to do. Messages never
 * contain a token, only whether one was sent.
 *
 * <pre>{@code
 * HubErrors errors = new HubErrors(settings);
 * throw errors.http(ref, "config.json", e, token != null);
 * }</pre>
 */
final class HubErrors {
    private final HubSettings settings;

    HubErrors(HubSettings settings) {
        this.settings = settings;
    }

    /** The exception for an HTTP error answer about {@code file} of {@code ref}. */
    ModelDownloadException http(RepoRef ref, String file, HubHttpException e, boolean tokenSent) {
        String repo = ref.repoId();
        int status = e.status();
        String code = e.errorCode();
        String page = settings.endpoint() + "/" + repo;
        String tokenHint = " Create a token at " + settings.endpoint() + "/settings/tokens and set HF_TOKEN (or pass "
                + "token(Secret.fromEnvVar(\"HF_TOKEN\")) to the generator or HuggingFaceHub).";
        if ("GatedRepo".equals(code)) {
            return new ModelAccessException(repo + " is a gated model (HTTP " + status + "): its files are only "
                    + "available to accounts that accepted its conditions. Open " + page + " while logged in and "
                    + "accept them, then use a token of that account. " + (tokenSent
                    ? "The token that was sent has no access to it yet." : "No token was sent.") + tokenHint,
                    repo, file, status, e);
        }
        if (status == 401 || status == 403) {
            String why = !tokenSent ? "no token was sent"
                    : "Invalid credentials in Authorization header".equals(e.errorMessage())
                    ? "the token that was sent is invalid or expired"
                    : "the token that was sent lacks permission for it";
            return new ModelAccessException("Access to " + repo + " was refused (HTTP " + status + "): the model is "
                    + "private or gated, or does not exist, and " + why + ". Check the model id (" + page + ")."
                    + tokenHint, repo, file, status, e);
        }
        if (status == 404) {
            if ("RepoNotFound".equals(code)) {
                return new ModelNotFoundException("Model " + repo + " does not exist on " + settings.endpoint()
                        + " (HTTP 404); check the id (org/name)", repo, file, status, e);
            }
            if ("RevisionNotFound".equals(code)) {
                return new ModelNotFoundException("Revision '" + ref.revision() + "' of " + repo + " does not exist "
                        + "(HTTP 404); use a branch, tag or commit hash of " + page, repo, file, status, e);
            }
            return new ModelNotFoundException("File " + file + " does not exist in " + repo + " at revision "
                    + ref.revision() + " (HTTP 404)", repo, file, status, e);
        }
        return new ModelDownloadException("The Hub answered HTTP " + status + " for " + file + " of " + repo
                + (e.errorMessage() == null ? "" : " (" + e.errorMessage() + ")") + "; retry later", repo, file,
                status, e);
    }

    /** The Hub could not be reached and no cached copy exists. */
    ModelNotCachedException unreachable(RepoRef ref, IOException e, String cacheProblem) {
        return new ModelNotCachedException("Cannot reach " + settings.endpoint() + " to download " + ref + " ("
                + e.getMessage() + ") and " + cacheProblem + ". Check the network connection and proxy settings (or "
                + "HF_ENDPOINT), or download the model where there is network and copy the cache.", ref.repoId(),
                null, null, e);
    }

    /** Offline mode is on and no complete cached copy exists. */
    ModelNotCachedException offline(RepoRef ref, String cacheProblem) {
        return new ModelNotCachedException("Offline mode is on (HF_HUB_OFFLINE) and " + cacheProblem + ". Download "
                + "it once with network access (for example `huggingface-cli download " + ref.repoId() + "`, or any "
                + "Hayloft generator with HF_HUB_OFFLINE unset), or pass a local model folder.", ref.repoId(), null,
                null, null);
    }

    /** A download broke off for good (the partial file is kept for a later resume). */
    ModelDownloadException broken(RepoRef ref, String file, IOException e) {
        return new ModelDownloadException("Downloading " + file + " of " + ref + " failed: " + e.getMessage()
                + ". Run again to resume.", ref.repoId(), file, null, e);
    }

    /** A cache write failed. */
    ModelDownloadException cache(RepoRef ref, String file, Path where, IOException e) {
        return new ModelDownloadException("Cannot write " + file + " of " + ref + " to the Hugging Face cache " + where
                + ": " + e.getMessage() + " (set HF_HUB_CACHE or HF_HOME to a writable folder)", ref.repoId(), file,
                null, e);
    }
}
