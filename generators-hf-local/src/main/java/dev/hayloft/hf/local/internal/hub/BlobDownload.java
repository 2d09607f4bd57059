package dev.hayloft.hf.local.internal.hub;

import dev.hayloft.core.errors.ModelIntegrityException;
import dev.hayloft.hf.local.DownloadListener;
import dev.hayloft.hf.local.DownloadProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one blob into the cache: bytes go to {@code blobs/<etag>.incomplete} (resumed with
 * an HTTP {@code Range} from where an earlier attempt or process stopped, restarted when the
 * server ignores the range), a cut connection is resumed up to five times in a row without
 * progress, and the result is checked against the Hub's size and hash (the sha256 of an LFS
 * file, the git blob hash of a regular one) before it is renamed to {@code blobs/<etag>}. A file
 * that fails the check is deleted, never renamed. The caller holds the blob's
 * {@link CacheLock}.
 *
 * <pre>{@code
 * try (CacheLock lock = CacheLock.acquire(cache.lockFile(ref, meta.etag()), file)) {
 *     new BlobDownload(http, ref, file, meta, listener).into(cache.blob(ref, meta.etag()), token);
 * }
 * }</pre>
 */
final class BlobDownload {
    private static final Logger LOG = LoggerFactory.getLogger(BlobDownload.class);
    private static final int RETRIES_WITHOUT_PROGRESS = 5;
    private static final int BUFFER = 1 << 16;

    private final HubHttp http;
    private final RepoRef ref;
    private final String file;
    private final FileMetadata meta;
    private final DownloadListener listener;
    private MessageDigest digest;

    BlobDownload(HubHttp http, RepoRef ref, String file, FileMetadata meta, DownloadListener listener) {
        this.http = http;
        this.ref = ref;
        this.file = file;
        this.meta = meta;
        this.listener = listener;
    }

    /** Downloads to {@code blob} (which must not exist yet), checking size and hash. */
    void into(Path blob, String token) throws IOException, HubHttpException {
        Files.createDirectories(blob.getParent());
        Path partial = blob.resolveSibling(blob.getFileName() + ".incomplete");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long have = out.size() <= meta.size() ? out.size() : 0;
            if (have == 0) {
                out.truncate(0);
            }
            resetDigest();
            hashExisting(out, have);
            if (have > 0) {
                LOG.info("Resuming the download of {} ({}) at byte {} of {}", file, ref, have, meta.size());
            }
            report(have, false);
            int failures = 0;
            while (have < meta.size()) {
                long before = have;
                try {
                    have = transfer(out, have, token);
                    failures = 0;
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    have = out.size();
                    failures = have > before ? 1 : failures + 1;
                    if (failures > RETRIES_WITHOUT_PROGRESS) {
                        throw new IOException("the download of " + file + " broke off at byte " + have + " of "
                                + meta.size() + " " + RETRIES_WITHOUT_PROGRESS + " times in a row (" + e.getMessage()
                                + "); the partial file is kept and the next attempt resumes it", e);
                    }
                    LOG.warn("The download of {} broke off at byte {} of {} ({}); resuming", file, have, meta.size(),
                            e.toString());
                    pause(failures);
                }
            }
            out.force(true);
            verify(out.size());
        } catch (ModelIntegrityException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        HubCache.move(partial, blob);
        report(meta.size(), true);
    }

    /** One GET from {@code have}; returns the new length of the partial file. */
    private long transfer(FileChannel out, long have, String token) throws IOException, HubHttpException {
        try (Response r = http.get(meta.location(), have, token)) {
            if (r.code() == 416) {
                // nothing left to send: either complete already, or the partial file is stale
                if (have != meta.size()) {
                    restart(out);
                    return 0;
                }
                return have;
            }
            long start = have == 0 ? 0 : rangeStart(r);
            if (start != have) {
                // the server ignored or misapplied the range: start over rather than corrupt the file
                restart(out);
                have = 0;
                if (start != 0) {
                    return 0;
                }
            }
            ResponseBody body = r.body();
            if (body == null) {
                throw new IOException("empty response body");
            }
            out.position(have);
            byte[] buf = new byte[BUFFER];
            try (InputStream in = body.byteStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("download of " + file + " interrupted");
                    }
                    if (have + n > meta.size()) {
                        throw integrity("the server sent more than the " + meta.size() + " bytes the Hub announced");
                    }
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    digest.update(buf, 0, n);
                    have += n;
                    report(have, false);
                }
            }
            if (have < meta.size()) {
                throw new IOException("the connection closed after " + have + " of " + meta.size() + " bytes");
            }
            return have;
        }
    }

    /** The first byte of a 206 answer, 0 for a 200 (a server that ignored the range). */
    private static long rangeStart(Response r) {
        if (r.code() != 206) {
            return 0;
        }
        String range = r.header("Content-Range");
        if (range == null || !range.startsWith("bytes ")) {
            return -1;
        }
        try {
            return Long.parseLong(range.substring(6, range.indexOf('-')).trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void restart(FileChannel out) throws IOException {
        out.truncate(0);
        resetDigest();
    }

    private void verify(long size) {
        if (size != meta.size()) {
            throw integrity("its size is " + size + " bytes but the Hub says " + meta.size());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if ((meta.isSha256() || meta.isGitSha1()) && !actual.equals(meta.etag())) {
            throw integrity("its " + (meta.isSha256() ? "sha256" : "git blob hash") + " is " + actual
                    + " but the Hub says " + meta.etag());
        }
    }

    private ModelIntegrityException integrity(String what) {
        return new ModelIntegrityException("The download of " + file + " from " + ref + " is corrupt: " + what
                + ". The partial file was deleted and nothing was added to the cache; retry, and if it persists "
                + "check proxies or HF_ENDPOINT.", ref.repoId(), file, null, null);
    }

    private void resetDigest() {
        try {
            digest = MessageDigest.getInstance(meta.isGitSha1() ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (meta.isGitSha1()) {
            digest.update(("blob " + meta.size() + "\0").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void hashExisting(FileChannel in, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        while (pos < length) {
            buf.clear().limit((int) Math.min(BUFFER, length - pos));
            int n = in.read(buf, pos);
            if (n < 0) {
                break;
            }
            digest.update(buf.array(), 0, n);
            pos += n;
        }
    }

    private void report(long done, boolean finished) {
        try {
            listener.onProgress(new DownloadProgress(ref.repoId(), file, done, meta.size(), finished));
        } catch (RuntimeException e) {
            LOG.warn("A download listener failed; ignored", e);
        }
    }

    private static void pause(int failures) throws InterruptedIOException {
        try {
            Thread.sleep(Math.min(2_000L, 100L * failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resuming a download");
        }
    }
}
