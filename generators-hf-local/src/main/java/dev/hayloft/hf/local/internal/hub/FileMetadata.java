package dev.hayloft.hf.local.internal.hub;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the Hub's {@code HEAD /{repo}/resolve/{revision}/{file}} says about a file, read as
 * {@code huggingface_hub}'s {@code get_hf_file_metadata} reads it: the commit
 * ({@code X-Repo-Commit}), the etag ({@code X-Linked-Etag} for LFS files, which is their
 * sha256, else {@code ETag}, the git blob hash; quotes and {@code W/} removed), the size
 * ({@code X-Linked-Size}, else {@code Content-Length} of a non-redirect), and where to download
 * it ({@code Location} of a redirect to the blob store, else the resolve URL).
 *
 * <pre>{@code
 * FileMetadata m = http.head(ref, "model.safetensors", token);
 * boolean lfs = m.isSha256();   // the etag is the content's sha256
 * }</pre>
 *
 * @param commit the commit the revision resolved to
 * @param etag the normalised etag, also the blob's file name
 * @param size the file size in bytes
 * @param location the URL to GET
 */
public record FileMetadata(String commit, String etag, long size, String location) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    public FileMetadata {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        if (etag == null || !SAFE.matcher(etag).matches()) {
            // the etag becomes a file name in the cache: never let a server choose a path
            throw new IllegalArgumentException("unusable etag '" + etag + "'");
        }
    }

    /** Removes the quotes and the weak marker of an {@code ETag} header, as {@code _normalize_etag} does. */
    public static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        while (e.startsWith("\"")) {
            e = e.substring(1);
        }
        while (e.endsWith("\"")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    /** Whether the etag is a sha256 (LFS files): the download is checked against it. */
    public boolean isSha256() {
        return SHA256.matcher(etag.toLowerCase(Locale.ROOT)).matches() && etag.length() == 64;
    }

    /** Whether the etag is a git blob hash (regular files): the download is checked against it. */
    public boolean isGitSha1() {
        return GIT_SHA1.matcher(etag).matches();
    }
}
