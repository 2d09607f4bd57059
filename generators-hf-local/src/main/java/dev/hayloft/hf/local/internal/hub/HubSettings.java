package dev.hayloft.hf.local.internal.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Where and how the Hub client works, read from the environment the way Python's
 * {@code huggingface_hub} reads it ({@code constants.py}): {@code HF_ENDPOINT}; the cache
 * {@code HF_HUB_CACHE} (or the older {@code HUGGINGFACE_HUB_CACHE}), else {@code $HF_HOME/hub},
 * else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};
 * {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) true for {@code 1/ON/YES/TRUE};
 * the stored token of {@code huggingface-cli login} at {@code HF_TOKEN_PATH}, else
 * {@code $HF_HOME/token}; {@code HF_HUB_ETAG_TIMEOUT} and {@code HF_HUB_DOWNLOAD_TIMEOUT}
 * (seconds, default 10); {@code HF_HUB_DISABLE_PROGRESS_BARS}.
 *
 * <pre>{@code
 * HubSettings s = HubSettings.fromEnvironment(System::getenv);   // once, at build()
 * Path cache = s.cacheDir();
 * }</pre>
 *
 * @param endpoint the Hub's base URL, without a trailing slash
 * @param cacheDir the hub cache folder (holds {@code models--org--name})
 * @param offline whether nothing may be downloaded
 * @param tokenFile where {@code huggingface-cli login} stores the token
 * @param metadataTimeout timeout of the metadata (HEAD) requests
 * @param downloadTimeout connect and read timeout of downloads
 * @param progressBars whether the console progress bar may be shown
 */
public record HubSettings(String endpoint, Path cacheDir, boolean offline, Path tokenFile, Duration metadataTimeout,
                          Duration downloadTimeout, boolean progressBars) {
    /** The public Hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL, got '" + endpoint + "'");
        }
        endpoint = stripSlashes(endpoint);
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        if (metadataTimeout.isNegative() || metadataTimeout.isZero() || downloadTimeout.isNegative()
                || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Reads the settings from {@code env} (e.g. {@code System::getenv}). */
    public static HubSettings fromEnvironment(Function<String, String> env) {
        String userHome = System.getProperty("user.home");
        String xdg = value(env, "XDG_CACHE_HOME");
        Path home = path(value(env, "HF_HOME"), userHome);
        if (home == null) {
            home = xdg != null ? path(xdg, userHome).resolve("huggingface")
                    : Path.of(userHome, ".cache", "huggingface");
        }
        Path cache = path(first(value(env, "HF_HUB_CACHE"), value(env, "HUGGINGFACE_HUB_CACHE")), userHome);
        if (cache == null) {
            cache = home.resolve("hub");
        }
        Path tokenFile = path(value(env, "HF_TOKEN_PATH"), userHome);
        String endpoint = first(value(env, "HF_ENDPOINT"), DEFAULT_ENDPOINT);
        boolean offline = isTrue(first(value(env, "HF_HUB_OFFLINE"), value(env, "TRANSFORMERS_OFFLINE")));
        return new HubSettings(endpoint, cache, offline, tokenFile != null ? tokenFile : home.resolve("token"),
                seconds(env, "HF_HUB_ETAG_TIMEOUT"), seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT"),
                !isTrue(value(env, "HF_HUB_DISABLE_PROGRESS_BARS")));
    }

    /** The same settings with another endpoint, cache, offline flag or timeout (null keeps the current one). */
    public HubSettings with(String endpoint, Path cacheDir, Boolean offline, Duration timeout) {
        return new HubSettings(endpoint != null ? endpoint : this.endpoint, cacheDir != null ? cacheDir : this.cacheDir,
                offline != null ? offline : this.offline, tokenFile, timeout != null ? timeout : metadataTimeout,
                timeout != null ? timeout : downloadTimeout, progressBars);
    }

    /** The host part of the endpoint (downloads redirected elsewhere get no token). */
    public String endpointHost() {
        return java.net.URI.create(endpoint).getHost();
    }

    static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.trim().toUpperCase(Locale.ROOT));
    }

    private static Duration seconds(Function<String, String> env, String name) {
        String v = value(env, name);
        if (v == null) {
            return Duration.ofSeconds(10);
        }
        try {
            double s = Double.parseDouble(v.trim());
            if (s > 0) {
                return Duration.ofMillis((long) (s * 1000));
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds, got '" + v + "'");
    }

    private static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Path path(String value, String userHome) {
        if (value == null) {
            return null;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            value = userHome + value.substring(1);
        }
        return Path.of(value);
    }

    private static String stripSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
