package dev.hayloft.hf.local.internal.hub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Hub's file endpoints over OkHttp: {@code HEAD} for a file's metadata (following only
 * relative redirects, i.e. renamed repositories, as {@code huggingface_hub} does; an absolute
 * redirect points at the blob store and becomes the download location) and {@code GET} with
 * an optional {@code Range} for the bytes. Sends {@code Authorization: Bearer} only to the
 * Hub's own host, {@code Accept-Encoding: identity} so sizes and ranges are those of the file.
 * Holds OkHttp's connection pool; {@link #close()} releases it.
 *
 * <pre>{@code
 * try (HubHttp http = new HubHttp(settings)) {
 *     FileMetadata m = http.head(RepoRef.parse("org/name"), "config.json", token);
 *     try (Response r = http.get(m.location(), 0, token)) { ... }
 * }
 * }</pre>
 */
final class HubHttp implements AutoCloseable {
    private static final int MAX_RELATIVE_REDIRECTS = 10;
    private static final String USER_AGENT = "hayloft/0.1 (java " + System.getProperty("java.version") + ")";

    private final HubSettings settings;
    private final OkHttpClient metadataClient;
    private final OkHttpClient downloadClient;

    HubHttp(HubSettings settings) {
        this.settings = settings;
        long meta = settings.metadataTimeout().toMillis();
        long download = settings.downloadTimeout().toMillis();
        this.metadataClient = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .connectTimeout(meta, TimeUnit.MILLISECONDS).readTimeout(meta, TimeUnit.MILLISECONDS)
                .callTimeout(meta * 3, TimeUnit.MILLISECONDS).build();
        this.downloadClient = metadataClient.newBuilder().followRedirects(true).followSslRedirects(true)
                .connectTimeout(download, TimeUnit.MILLISECONDS).readTimeout(download, TimeUnit.MILLISECONDS)
                .callTimeout(0, TimeUnit.MILLISECONDS).build();
    }

    /** {@code <endpoint>/<repo>/resolve/<revision>/<file>}. */
    String resolveUrl(RepoRef ref, String file) {
        StringBuilder path = new StringBuilder();
        for (String segment : file.split("/")) {
            path.append('/').append(encode(segment));
        }
        return settings.endpoint() + "/" + ref.repoId() + "/resolve/" + encode(ref.revision()) + path;
    }

    /** The metadata of {@code file} at {@code ref}'s revision. */
    FileMetadata head(RepoRef ref, String file, String token) throws IOException, HubHttpException {
        String url = resolveUrl(ref, file);
        for (int hop = 0; ; hop++) {
            Request request = request(url, token).head().build();
            try (Response r = metadataClient.newCall(request).execute()) {
                String location = r.header("Location");
                if (r.isRedirect() && location != null && isRelative(location) && hop < MAX_RELATIVE_REDIRECTS) {
                    url = URI.create(url).resolve(location).toString();
                    continue;
                }
                if (!r.isSuccessful() && !r.isRedirect()) {
                    throw error(r);
                }
                String commit = r.header("X-Repo-Commit");
                String etag = FileMetadata.normalizeEtag(first(r.header("X-Linked-Etag"), r.header("ETag")));
                String size = first(r.header("X-Linked-Size"), r.isRedirect() ? null : r.header("Content-Length"));
                if (commit == null) {
                    throw new IOException("the server at " + settings.endpoint() + " answered without X-Repo-Commit, so "
                            + "it does not look like a Hugging Face Hub (check HF_ENDPOINT, proxies and firewalls)");
                }
                if (etag == null || etag.isEmpty() || size == null) {
                    throw new IOException("the Hub's answer for " + file + " has no " + (size == null ? "size" : "ETag")
                            + ", so the download cannot be checked");
                }
                String download = location != null ? URI.create(url).resolve(location).toString() : url;
                try {
                    return new FileMetadata(commit, etag, Long.parseLong(size.trim()), download);
                } catch (IllegalArgumentException e) {
                    throw new IOException("the Hub's answer for " + file + " has unusable metadata: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Starts downloading {@code url} from byte {@code from}; the caller closes the response.
     * Error answers (other than 416) are thrown.
     */
    Response get(String url, long from, String token) throws IOException, HubHttpException {
        boolean ownHost = settings.endpointHost() != null && settings.endpointHost().equals(HttpUrl.get(url).host());
        Request.Builder b = request(url, ownHost ? token : null).get();
        if (from > 0) {
            b.header("Range", "bytes=" + from + "-");
        }
        Response r = downloadClient.newCall(b.build()).execute();
        if (!r.isSuccessful() && r.code() != 416) {
            try (r) {
                throw error(r);
            }
        }
        return r;
    }

    private Request.Builder request(String url, String token) {
        Request.Builder b = new Request.Builder().url(url).header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HubHttpException error(Response r) {
        return new HubHttpException(r.code(), r.header("X-Error-Code"), r.header("X-Error-Message"),
                r.header("X-Repo-Commit"));
    }

    private static boolean isRelative(String location) {
        return !location.contains("://") && !location.startsWith("//");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Releases idle connections. */
    @Override
    public void close() {
        metadataClient.connectionPool().evictAll();
        downloadClient.connectionPool().evictAll();
    }
}
