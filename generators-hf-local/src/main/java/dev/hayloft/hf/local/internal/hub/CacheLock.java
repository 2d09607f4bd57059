package dev.hayloft.hf.local.internal.hub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a file of the cache's {@code .locks} folder, held while a blob is
 * downloaded, so that threads and JVMs sharing a cache download each blob once and never
 * write the same partial file. Waits (polling) while another holder has it, logging every
 * ten seconds. An operating-system lock: released when the holder closes it or its process
 * dies. (Python's {@code huggingface_hub} locks with {@code flock}, which does not see these
 * locks; it writes to its own temporary files, so sharing a cache with it stays safe.)
 *
 * <pre>{@code
 * try (CacheLock lock = CacheLock.acquire(cache.lockFile(ref, etag), "config.json")) {
 *     // download the blob
 * }
 * }</pre>
 */
final class CacheLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheLock.class);
    private static final long POLL_MILLIS = 100;
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code file}, waiting for other holders; {@code what} names the download in logs. */
    static CacheLock acquire(Path file, String what) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long waited = 0;
        long nextLog = LOG_EVERY_MILLIS;
        try {
            while (true) {
                FileLock lock = null;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // another thread of this JVM holds it
                }
                if (lock != null) {
                    return new CacheLock(channel, lock);
                }
                if (waited >= nextLog) {
                    LOG.info("Still waiting for another download of {} to finish (lock {})", what, file);
                    nextLog += LOG_EVERY_MILLIS;
                }
                Thread.sleep(POLL_MILLIS);
                waited += POLL_MILLIS;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new InterruptedIOException("interrupted while waiting for the lock " + file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
