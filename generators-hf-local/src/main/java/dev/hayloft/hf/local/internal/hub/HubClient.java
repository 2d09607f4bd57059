package dev.hayloft.hf.local.internal.hub;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.ModelDownloadException;
import dev.hayloft.core.errors.ModelNotFoundException;
import dev.hayloft.hf.local.DownloadListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads Hub models into the standard cache ({@link HubCache}) and finds them there, the
 * way {@code huggingface_hub}'s {@code hf_hub_download} does, so either side reuses what the
 * other fetched. A model's revision is resolved once ({@code HEAD config.json}, whose
 * {@code X-Repo-Commit} is recorded in {@code refs/<revision>}); every other file is then
 * fetched at that commit, and files already in the snapshot need no request. When the Hub
 * cannot be reached (or refuses with 401/403/5xx) a complete cached snapshot is used instead;
 * in offline mode only the cache is consulted. Thread-safe; the HTTP client is created on the
 * first download.
 *
 * <pre>{@code
 * try (HubClient hub = new HubClient(HubSettings.fromEnvironment(System::getenv), null, listener, System::getenv)) {
 *     Path folder = hub.snapshot(RepoRef.parse("HuggingFaceTB/SmolLM2-360M-Instruct"), null);
 * }
 * }</pre>
 */
public final class HubClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);

    private final HubSettings settings;
    private final HubCache cache;
    private final HubErrors errors;
    private final Secret token;
    private final DownloadListener listener;
    private final Function<String, String> env;
    private HubHttp http;
    private boolean closed;

    /**
     * @param settings endpoint, cache, offline mode, timeouts
     * @param token the default token (a generator's own {@code token} wins), or null
     * @param listener receives download progress
     * @param env the environment secrets are resolved in
     */
    public HubClient(HubSettings settings, Secret token, DownloadListener listener, Function<String, String> env) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new HubCache(settings.cacheDir());
        this.errors = new HubErrors(settings);
        this.token = token;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * A client configured by {@code env} alone, with no default token (the generator's own is
     * used) and the console progress bar unless {@code HF_HUB_DISABLE_PROGRESS_BARS}.
     */
    public static HubClient fromEnvironment(Function<String, String> env) {
        HubSettings s = HubSettings.fromEnvironment(env);
        return new HubClient(s, null, defaultListener(s), env);
    }

    /** The console progress bar on standard error, or nothing when the settings disable progress bars. */
    public static DownloadListener defaultListener(HubSettings settings) {
        return settings.progressBars() ? DownloadListener.console(System.err) : DownloadListener.none();
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The snapshot folder of a complete model (config and weights), downloading what is
     * missing; {@code token} (may be null) is tried before the client's default.
     */
    public Path snapshot(RepoRef ref, Secret token) {
        if (settings.offline()) {
            return cachedSnapshot(ref).orElseThrow(() -> errors.offline(ref, cacheProblem(ref)));
        }
        if (ref.isCommit() && ModelFiles.incomplete(cache, ref, ref.revision()) == null) {
            return cache.snapshot(ref, ref.revision());
        }
        String bearer = resolveToken(token);
        FileMetadata config;
        try {
            config = http().head(ref, ModelFiles.CONFIG, bearer);
        } catch (IOException e) {
            return fallback(ref, e, () -> errors.unreachable(ref, e, cacheProblem(ref)));
        } catch (HubHttpException e) {
            if (e.status() == 404 && !"RepoNotFound".equals(e.errorCode())) {
                throw errors.http(ref, ModelFiles.CONFIG, e, bearer != null);
            }
            return fallback(ref, e, () -> errors.http(ref, ModelFiles.CONFIG, e, bearer != null));
        }
        RepoRef at = ref.at(config.commit());
        try {
            cache.writeRef(ref, config.commit());
        } catch (IOException e) {
            throw errors.cache(ref, "refs/" + ref.revision(), cache.root(), e);
        }
        fetch(at, ModelFiles.CONFIG, config, bearer);
        for (String file : ModelFiles.OPTIONAL) {
            fetchIfPresent(at, file, bearer);
        }
        if (!fetchIfPresent(at, ModelFiles.SINGLE, bearer)) {
            if (!fetchIfPresent(at, ModelFiles.INDEX, bearer)) {
                throw new ModelNotFoundException(ref + " has no safetensors weights (neither " + ModelFiles.SINGLE
                        + " nor " + ModelFiles.INDEX + " at commit " + config.commit() + "); the local runtime "
                        + "loads safetensors checkpoints only", ref.repoId(), ModelFiles.SINGLE, 404, null);
            }
            List<String> shards;
            try {
                shards = ModelFiles.shards(cache.pointer(at, at.revision(), ModelFiles.INDEX));
            } catch (IOException e) {
                throw new ModelDownloadException("The sharded checkpoint index of " + ref + " is unusable: "
                        + e.getMessage(), ref.repoId(), ModelFiles.INDEX, null, e);
            }
            for (String shard : shards) {
                fetch(at, shard, null, bearer);
            }
        }
        return cache.snapshot(ref, config.commit());
    }

    /** One file of a repository (in the cache or downloaded); offline, the cache only. */
    public Path file(RepoRef ref, String file, Secret token) {
        Optional<String> cachedCommit = cache.commitOf(ref);
        if (settings.offline()) {
            return cachedCommit.filter(c -> cache.hasFile(ref, c, file)).map(c -> cache.pointer(ref, c, file))
                    .orElseThrow(() -> errors.offline(ref, file + " of " + ref + " is not in the cache "
                            + cache.root()));
        }
        String bearer = resolveToken(token);
        try {
            FileMetadata meta = http().head(ref, file, bearer);
            cache.writeRef(ref, meta.commit());
            return fetch(ref.at(meta.commit()), file, meta, bearer);
        } catch (IOException | HubHttpException e) {
            if (cachedCommit.isPresent() && cache.hasFile(ref, cachedCommit.get(), file)
                    && !(e instanceof HubHttpException && ((HubHttpException) e).isMissingFile())) {
                LOG.warn("Using the cached {} of {}: the Hub could not be asked ({})", file, ref, e.getMessage());
                return cache.pointer(ref, cachedCommit.get(), file);
            }
            if (e instanceof HubHttpException) {
                throw errors.http(ref, file, (HubHttpException) e, bearer != null);
            }
            throw errors.unreachable(ref, (IOException) e, file + " is not in the cache " + cache.root());
        }
    }

    /** The cached snapshot of a complete model at {@code ref}'s revision, without any network access. */
    public Optional<Path> cachedSnapshot(RepoRef ref) {
        return cache.commitOf(ref).filter(c -> ModelFiles.incomplete(cache, ref, c) == null)
                .map(c -> cache.snapshot(ref, c));
    }

    private String cacheProblem(RepoRef ref) {
        Optional<String> commit = cache.commitOf(ref);
        if (commit.isEmpty()) {
            return ref + " is not in the Hugging Face cache " + cache.root();
        }
        String why = ModelFiles.incomplete(cache, ref, commit.get());
        return "the cached copy of " + ref + " in " + cache.root() + " is incomplete: " + why;
    }

    private Path fallback(RepoRef ref, Exception cause, java.util.function.Supplier<ModelDownloadException> error) {
        Optional<Path> cached = cachedSnapshot(ref);
        if (cached.isPresent()) {
            LOG.warn("Using the cached snapshot of {} ({}): the Hub could not be asked for updates ({})", ref,
                    cached.get().getFileName(), cause.getMessage());
            return cached.get();
        }
        throw error.get();
    }

    /** Fetches {@code file} unless the snapshot has it or it is known to be absent; false when the Hub has no such file. */
    private boolean fetchIfPresent(RepoRef at, String file, String bearer) {
        String commit = at.revision();
        if (cache.hasFile(at, commit, file)) {
            return true;
        }
        if (cache.knownMissing(at, commit, file)) {
            return false;
        }
        FileMetadata meta;
        try {
            meta = http().head(at, file, bearer);
        } catch (HubHttpException e) {
            if (e.isMissingFile()) {
                cache.markMissing(at, commit, file);
                return false;
            }
            throw errors.http(at, file, e, bearer != null);
        } catch (IOException e) {
            throw errors.broken(at, file, e);
        }
        fetch(at, file, meta, bearer);
        return true;
    }

    /** The snapshot entry of {@code file} at the commit {@code at}, downloading its blob when needed. */
    private Path fetch(RepoRef at, String file, FileMetadata known, String bearer) {
        String commit = at.revision();
        Path pointer = cache.pointer(at, commit, file);
        if (Files.isRegularFile(pointer)) {
            return pointer;
        }
        try {
            FileMetadata meta = known != null ? known : http().head(at, file, bearer);
            Path blob = cache.blob(at, meta.etag());
            try (CacheLock lock = CacheLock.acquire(cache.lockFile(at, meta.etag()), at.repoId() + "/" + file)) {
                boolean fresh = !Files.isRegularFile(blob);
                if (fresh) {
                    new BlobDownload(http(), at, file, meta, listener).into(blob, bearer);
                }
                if (!Files.isRegularFile(pointer)) {
                    cache.link(blob, pointer, fresh);
                }
            }
            return pointer;
        } catch (HubHttpException e) {
            throw errors.http(at, file, e, bearer != null);
        } catch (IOException e) {
            throw errors.broken(at, file, e);
        }
    }

    /** The generator's token, else the client's, else the token {@code huggingface-cli login} stored. */
    private String resolveToken(Secret preferred) {
        for (Secret s : new Secret[] {preferred, token}) {
            if (s != null) {
                Optional<String> v = s.resolveValue(env);
                if (v.isPresent() && !v.get().isBlank()) {
                    return v.get().trim();
                }
            }
        }
        Path stored = settings.tokenFile();
        try {
            if (stored != null && Files.isRegularFile(stored)) {
                String t = Files.readString(stored).trim();
                return t.isEmpty() ? null : t;
            }
        } catch (IOException e) {
            LOG.debug("cannot read the stored Hugging Face token at {}", stored, e);
        }
        return null;
    }

    private synchronized HubHttp http() {
        if (closed) {
            throw new IllegalStateException("the Hub client has been closed");
        }
        if (http == null) {
            http = new HubHttp(settings);
        }
        return http;
    }

    /** Releases the HTTP client's connections; the cache stays usable offline. */
    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.close();
            http = null;
        }
    }
}
