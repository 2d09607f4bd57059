package dev.hayloft.hf.local.internal.hub;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard Hugging Face cache layout, shared with Python's {@code huggingface_hub}:
 * {@code <cache>/models--org--name/blobs/<etag>} holds each file's bytes once,
 * {@code snapshots/<commit>/<file>} is a relative symlink to its blob (a copy where symlinks
 * cannot be made), {@code refs/<revision>} holds the commit a branch or tag pointed at (no
 * trailing newline, as Python writes it), {@code .no_exist/<commit>/<file>} marks files known
 * to be absent, and {@code <cache>/.locks/models--org--name/<etag>.lock} serialises downloads of
 * a blob. Every write is atomic (a temporary file renamed into place).
 *
 * <pre>{@code
 * HubCache cache = new HubCache(Path.of(System.getProperty("user.home"), ".cache/huggingface/hub"));
 * Optional<String> commit = cache.commitOf(RepoRef.parse("org/name"));
 * Path pointer = cache.pointer(ref, commit.get(), "config.json");
 * }</pre>
 */
public final class HubCache {
    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);

    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** {@code models--org--name}. */
    public Path repoFolder(RepoRef ref) {
        return root.resolve(ref.folderName());
    }

    /** The blob of a file with {@code etag}. */
    public Path blob(RepoRef ref, String etag) {
        return repoFolder(ref).resolve("blobs").resolve(etag);
    }

    /** The snapshot folder of {@code commit}. */
    public Path snapshot(RepoRef ref, String commit) {
        return repoFolder(ref).resolve("snapshots").resolve(commit);
    }

    /** The snapshot entry of {@code file} (which may be in a sub-folder, {@code a/b.json}). */
    public Path pointer(RepoRef ref, String commit, String file) {
        Path snapshot = snapshot(ref, commit);
        Path p = snapshot.resolve(file).normalize();
        if (!p.startsWith(snapshot) || p.equals(snapshot)) {
            throw new IllegalArgumentException("file name '" + file + "' leaves the snapshot folder");
        }
        return p;
    }

    /** The lock file serialising downloads of the blob {@code etag}. */
    public Path lockFile(RepoRef ref, String etag) {
        return root.resolve(".locks").resolve(ref.folderName()).resolve(etag + ".lock");
    }

    /** The commit {@code ref}'s revision resolves to in the cache: the revision itself if it is a commit, else its ref file. */
    public Optional<String> commitOf(RepoRef ref) {
        if (ref.isCommit()) {
            return Optional.of(ref.revision());
        }
        Path file = repoFolder(ref).resolve("refs").resolve(ref.revision());
        try {
            if (Files.isRegularFile(file)) {
                String commit = Files.readString(file).trim();
                return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}", file, e);
        }
        return Optional.empty();
    }

    /** Records that {@code ref}'s revision points at {@code commit} (nothing to do for a commit revision). */
    public void writeRef(RepoRef ref, String commit) throws IOException {
        if (ref.revision().equals(commit)) {
            return;
        }
        Path file = repoFolder(ref).resolve("refs").resolve(ref.revision());
        if (Files.isRegularFile(file) && Files.readString(file).trim().equals(commit)) {
            return;
        }
        writeAtomically(file, commit);
    }

    /** Whether {@code file} is known to be absent at {@code commit}. */
    public boolean knownMissing(RepoRef ref, String commit, String file) {
        return Files.exists(repoFolder(ref).resolve(".no_exist").resolve(commit).resolve(file));
    }

    /** Records that {@code file} is absent at {@code commit} (best effort). */
    public void markMissing(RepoRef ref, String commit, String file) {
        Path marker = repoFolder(ref).resolve(".no_exist").resolve(commit).resolve(file).normalize();
        if (!marker.startsWith(repoFolder(ref))) {
            return;
        }
        try {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
        } catch (FileAlreadyExistsException ignored) {
            // someone else recorded it
        } catch (IOException e) {
            LOG.debug("cannot record the absence of {}", file, e);
        }
    }

    /** Whether the snapshot has {@code file} (a symlink to an existing blob, or a copy). */
    public boolean hasFile(RepoRef ref, String commit, String file) {
        return Files.isRegularFile(pointer(ref, commit, file));
    }

    /**
     * Makes the snapshot entry of {@code file} point at {@code blob}: a relative symlink, or,
     * where symlinks are not possible, the file itself ({@code newBlob}: moved, as Python does,
     * else copied). Atomic: readers see the old entry or the new one.
     */
    public void link(Path blob, Path pointer, boolean newBlob) throws IOException {
        Files.createDirectories(pointer.getParent());
        Path tmp = pointer.resolveSibling(pointer.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
        try {
            Files.createSymbolicLink(tmp, pointer.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("symlinks unavailable in {}; storing {} as a file", pointer.getParent(), pointer.getFileName());
            if (newBlob) {
                move(blob, tmp);
            } else {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        move(tmp, pointer);
    }

    /** Writes {@code text} to {@code file} through a temporary file and a rename. */
    static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
        Files.writeString(tmp, text);
        move(tmp, file);
    }

    /** Renames {@code from} onto {@code to}, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
