package dev.hayloft.hf.local;

import java.util.Objects;

/**
 * How far the download of one file of a Hub model has come, as reported to a
 * {@link DownloadListener}: a first event when the transfer starts ({@code bytesDone} is what
 * an earlier, interrupted download left), events as bytes arrive, and a last one with
 * {@code finished} once the file is checked and in the cache.
 *
 * <pre>{@code
 * DownloadListener log = p -> {
 *     if (p.finished()) System.out.println(p.fileName() + " done (" + p.totalBytes() + " bytes)");
 * };
 * }</pre>
 *
 * @param repoId the model ({@code org/name})
 * @param fileName the file in the repository
 * @param bytesDone bytes on disk so far
 * @param totalBytes the file's size
 * @param finished whether the file is complete, checked and in the cache
 */
public record DownloadProgress(String repoId, String fileName, long bytesDone, long totalBytes, boolean finished) {

    public DownloadProgress {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(fileName, "fileName");
        if (bytesDone < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("byte counts must be >= 0");
        }
    }

    /** {@code bytesDone / totalBytes}, 1 for an empty file. */
    public double fraction() {
        return totalBytes == 0 ? 1.0 : (double) bytesDone / totalBytes;
    }
}
