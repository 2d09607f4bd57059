package dev.hayloft.hf.local;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.hf.local.internal.hub.HubClient;
import dev.hayloft.hf.local.internal.hub.HubSettings;
import dev.hayloft.hf.local.internal.hub.RepoRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Hugging Face Hub as the local generators use it: resolves {@code org/name} (optionally
 * {@code org/name@revision}) and downloads what a model needs (config, generation config,
 * tokenizer files, {@code model.safetensors} or a sharded index and its shards) into the
 * standard cache, {@code $HF_HUB_CACHE} or {@code $HF_HOME/hub}
 * ({@code models--org--name/blobs}, {@code snapshots/<commit>}, {@code refs/<revision>}), the
 * layout Python's {@code huggingface_hub} uses, so a cache filled by either is reused by the
 * other. Downloads resume where they stopped (HTTP {@code Range}), are checked against the
 * Hub's size and sha256 (LFS) or git hash, and are moved into place atomically; a file lock
 * lets threads and JVMs share one cache. Failures are typed
 * ({@link dev.hayloft.core.errors.ModelDownloadException} and its subclasses) and say what to do.
 *
 * <p>{@link #builder()} reads {@code HF_ENDPOINT}, {@code HF_HOME}, {@code HF_HUB_CACHE},
 * {@code HF_HUB_OFFLINE}, {@code HF_HUB_ETAG_TIMEOUT}, {@code HF_HUB_DOWNLOAD_TIMEOUT} and
 * {@code HF_HUB_DISABLE_PROGRESS_BARS} once, at {@code build()}; setters override them. The token
 * defaults to {@code HF_TOKEN}/{@code HF_API_TOKEN}, then the one {@code huggingface-cli login}
 * stored; a generator's own {@code token} is tried first. Thread-safe; {@link #close()} releases
 * the HTTP connections.
 *
 * <pre>{@code
 * try (HuggingFaceHub hub = HuggingFaceHub.builder().progressListener(DownloadListener.console(System.err)).build()) {
 *     Path folder = hub.downloadModel("HuggingFaceTB/SmolLM2-360M-Instruct");   // snapshots/<commit>
 *     HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
 *             .model("HuggingFaceTB/SmolLM2-360M-Instruct").hub(hub).build();
 * }
 * }</pre>
 */
public final class HuggingFaceHub implements AutoCloseable {
    /** The default token: {@code HF_TOKEN}, else {@code HF_API_TOKEN} (not strict). */
    public static final Secret DEFAULT_TOKEN = Secret.fromEnvVar(List.of("HF_TOKEN", "HF_API_TOKEN"), false);

    private final HubClient client;

    private HuggingFaceHub(HubClient client) {
        this.client = client;
    }

    /** A builder with the settings of the process environment. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client configured by the process environment alone. */
    public static HuggingFaceHub fromEnvironment() {
        return builder().build();
    }

    /**
     * The local folder of {@code model} ({@code org/name} or {@code org/name@revision}),
     * downloading what is not cached yet; offline, the cached copy or a
     * {@link dev.hayloft.core.errors.ModelNotCachedException}.
     */
    public Path downloadModel(String model) {
        return client.snapshot(parse(model), null);
    }

    /** One file of a repository at {@code revision} (null for {@code main}), cached or downloaded. */
    public Path downloadFile(String repoId, String revision, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.startsWith("/") || fileName.contains("..")) {
            throw new IllegalArgumentException("fileName must be a path inside the repository, got '" + fileName + "'");
        }
        return client.file(parse(revision == null ? repoId : repoId + "@" + revision), fileName, null);
    }

    /** The cached folder of a complete copy of {@code model}, without any network access. */
    public Optional<Path> cachedModel(String model) {
        return client.cachedSnapshot(parse(model));
    }

    /** The cache folder ({@code models--org--name} live here). */
    public Path cacheDir() {
        return client.settings().cacheDir();
    }

    /** The Hub's base URL. */
    public String endpoint() {
        return client.settings().endpoint();
    }

    /** Whether only the cache is used. */
    public boolean isOffline() {
        return client.settings().offline();
    }

    /** Whether {@code model} has the form of a Hub id ({@code org/name[@revision]}). */
    public static boolean isHubId(String model) {
        return RepoRef.isHubId(model);
    }

    HubClient client() {
        return client;
    }

    private static RepoRef parse(String model) {
        try {
            return RepoRef.parse(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: " + e.getMessage(), e);
        }
    }

    /** Releases the HTTP connections; cached models stay usable. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "HuggingFaceHub[endpoint=" + endpoint() + ", cacheDir=" + cacheDir() + ", offline=" + isOffline() + "]";
    }

    /** Configures a {@link HuggingFaceHub}; unset values come from the environment at {@link #build()}. */
    public static final class Builder {
        private Function<String, String> env = System::getenv;
        private String endpoint;
        private Path cacheDir;
        private Boolean offline;
        private Duration timeout;
        private Secret token = DEFAULT_TOKEN;
        private DownloadListener listener;

        private Builder() {
        }

        /** The Hub's URL (default {@code HF_ENDPOINT}, else {@code https://huggingface.co}). */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The cache folder (default {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code ~/.cache/huggingface/hub}). */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /** Cache only, no network (default {@code HF_HUB_OFFLINE}). */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** Connect and read timeout of Hub requests (default 10 s, or {@code HF_HUB_ETAG_TIMEOUT}/{@code HF_HUB_DOWNLOAD_TIMEOUT}). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The token (default {@link #DEFAULT_TOKEN}, then the stored login token); null for none but the stored one. */
        public Builder token(Secret token) {
            this.token = token;
            return this;
        }

        /** Receives download progress (default: the console bar on standard error, unless {@code HF_HUB_DISABLE_PROGRESS_BARS}). */
        public Builder progressListener(DownloadListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The environment read at {@link #build()} and when resolving tokens (default {@code System::getenv}). */
        public Builder environment(Function<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        public HuggingFaceHub build() {
            HubSettings s;
            try {
                s = HubSettings.fromEnvironment(env).with(endpoint, cacheDir, offline, timeout);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Hugging Face Hub settings: " + e.getMessage(), e);
            }
            return new HuggingFaceHub(new HubClient(s, token, listener != null ? listener
                    : HubClient.defaultListener(s), env));
        }
    }
}
