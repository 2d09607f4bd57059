package dev.hayloft.hf.local.internal.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model repository on the Hub and the revision wanted: parsed from {@code org/name} or
 * {@code org/name@revision} (branch, tag or commit hash; default {@code main}), validated as
 * {@code huggingface_hub}'s {@code validate_repo_id} does.
 *
 * <pre>{@code
 * RepoRef ref = RepoRef.parse("Qwen/Qwen2.5-0.5B-Instruct@main");
 * String folder = ref.folderName();   // "models--Qwen--Qwen2.5-0.5B-Instruct"
 * }</pre>
 *
 * @param repoId {@code org/name}
 * @param revision branch, tag or commit hash
 */
public record RepoRef(String repoId, String revision) {
    /** The default revision. */
    public static final String MAIN = "main";
    private static final Pattern ID = Pattern.compile("[\\w.\\-]+/[\\w.\\-]+");
    private static final Pattern SEGMENT_EDGE = Pattern.compile("(^|/)[.\\-]|[.\\-]($|/)");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public RepoRef {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(revision, "revision");
        if (!looksLikeRepoId(repoId)) {
            throw new IllegalArgumentException("'" + repoId + "' is not a Hub model id: expected org/name (letters, "
                    + "digits, '-', '_', '.'; no '--' or '..'; at most 96 characters)");
        }
        if (revision.isBlank() || revision.contains("..") || revision.startsWith("/") || revision.endsWith("/")) {
            throw new IllegalArgumentException("'" + revision + "' is not a valid revision of " + repoId);
        }
    }

    /** Parses {@code org/name} or {@code org/name@revision}. */
    public static RepoRef parse(String model) {
        Objects.requireNonNull(model, "model");
        int at = model.indexOf('@');
        return at < 0 ? new RepoRef(model, MAIN) : new RepoRef(model.substring(0, at), model.substring(at + 1));
    }

    /** Whether {@code model} has the form of a Hub model id (with an optional {@code @revision}). */
    public static boolean isHubId(String model) {
        if (model == null) {
            return false;
        }
        int at = model.indexOf('@');
        return looksLikeRepoId(at < 0 ? model : model.substring(0, at)) && (at < 0 || at < model.length() - 1);
    }

    private static boolean looksLikeRepoId(String id) {
        return id.length() <= 96 && ID.matcher(id).matches() && !id.contains("--") && !id.contains("..")
                && !id.endsWith(".git") && !SEGMENT_EDGE.matcher(id).find();
    }

    /** Whether the revision is a full commit hash (then cached files need no network at all). */
    public boolean isCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The cache folder name, {@code models--org--name}. */
    public String folderName() {
        return "models--" + repoId.replace("/", "--");
    }

    /** The same repository at {@code commit}. */
    public RepoRef at(String commit) {
        return new RepoRef(repoId, commit);
    }

    @Override
    public String toString() {
        return revision.equals(MAIN) ? repoId : repoId + "@" + revision;
    }
}
