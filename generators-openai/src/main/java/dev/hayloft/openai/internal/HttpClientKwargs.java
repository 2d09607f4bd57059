package dev.hayloft.openai.internal;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.ProxyAuthenticator;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Haystack's {@code http_client_kwargs} (keyword arguments of an {@code httpx.Client}) mapped
 * onto openai-java's OkHttp client. Supported keys: {@code proxy} (an {@code http://},
 * {@code https://} or {@code socks5://} URL, optionally with {@code user:password@} for HTTP
 * proxies), {@code verify} (a boolean; {@code false} disables TLS certificate checks),
 * {@code headers} (a mapping of extra request headers) and {@code follow_redirects}
 * (a boolean). Anything else is refused.
 *
 * <pre>{@code
 * HttpClientKwargs.validate(Map.of("proxy", "http://proxy:3128", "verify", false));
 * HttpClientKwargs.apply(kwargs, OpenAIOkHttpClient.builder());          // a client with its own transport
 * HttpClientKwargs.applyTransport(kwargs, new OkHttpClient.Builder());    // or a shared transport ...
 * HttpClientKwargs.applyHeaders(kwargs, OpenAIOkHttpClient.builder());    // ... and the client's headers
 * }</pre>
 */
public final class HttpClientKwargs {
    /** The keys this module understands. */
    public static final Set<String> SUPPORTED = Set.of("proxy", "verify", "headers", "follow_redirects");

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientKwargs.class);

    private HttpClientKwargs() {
    }

    /** Fails with {@link IllegalArgumentException} on unknown keys or values of the wrong type. */
    public static void validate(Map<String, ?> kwargs) {
        if (kwargs == null) {
            return;
        }
        for (Map.Entry<String, ?> e : kwargs.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "proxy":
                    if (v != null) {
                        parseProxy(v);
                    }
                    break;
                case "verify":
                    if (v != null && !(v instanceof Boolean)) {
                        throw new IllegalArgumentException("http_client_kwargs.verify must be true or false; custom CA "
                                + "bundles are not supported (add the certificate to the JVM trust store instead)");
                    }
                    break;
                case "follow_redirects":
                    if (v != null && !(v instanceof Boolean)) {
                        throw new IllegalArgumentException("http_client_kwargs.follow_redirects must be a boolean");
                    }
                    break;
                case "headers":
                    if (v != null) {
                        headers(v);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("http_client_kwargs: unsupported key '" + key + "'; supported "
                            + "keys are " + new TreeSet<>(SUPPORTED));
            }
        }
    }

    /** Applies validated kwargs to an openai-java client builder. */
    public static void apply(Map<String, ?> kwargs, OpenAIOkHttpClient.Builder builder) {
        if (kwargs == null) {
            return;
        }
        validate(kwargs);
        Object proxy = kwargs.get("proxy");
        if (proxy != null) {
            ParsedProxy p = parseProxy(proxy);
            builder.proxy(p.proxy);
            if (p.user != null) {
                builder.proxyAuthenticator(ProxyAuthenticator.basic(p.user, p.password));
            }
        }
        if (Boolean.FALSE.equals(kwargs.get("verify"))) {
            LOG.warn("http_client_kwargs.verify is false: TLS certificates and host names are NOT checked");
            X509TrustManager trustAll = new TrustAll();
            builder.sslSocketFactory(trustAllContext(trustAll).getSocketFactory()).trustManager(trustAll)
                    .hostnameVerifier((host, session) -> true);
        }
        Object follow = kwargs.get("follow_redirects");
        if (follow != null) {
            builder.followRedirects((Boolean) follow);
        }
        Object headers = kwargs.get("headers");
        if (headers != null) {
            headers(headers).forEach(builder::putHeader);
        }
    }

    /**
     * The kwargs that shape connections ({@code proxy}, {@code verify}, {@code follow_redirects}),
     * for telling apart transports that can be shared; {@code headers} are per client.
     */
    public static Map<String, Object> transportPart(Map<String, ?> kwargs) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (kwargs != null) {
            for (String k : List.of("proxy", "verify", "follow_redirects")) {
                if (kwargs.get(k) != null) {
                    m.put(k, kwargs.get(k));
                }
            }
        }
        return Map.copyOf(m);
    }

    /**
     * Applies the connection-shaping kwargs ({@code proxy}, {@code verify},
     * {@code follow_redirects}) to a plain OkHttp builder, for a transport that several
     * openai-java clients share.
     */
    public static void applyTransport(Map<String, ?> kwargs, OkHttpClient.Builder builder) {
        if (kwargs == null) {
            return;
        }
        validate(kwargs);
        Object proxy = kwargs.get("proxy");
        if (proxy != null) {
            ParsedProxy p = parseProxy(proxy);
            builder.proxy(p.proxy);
            if (p.user != null) {
                String credentials = Credentials.basic(p.user, p.password);
                builder.proxyAuthenticator((route, response) ->
                        response.request().header("Proxy-Authorization") != null ? null
                                : response.request().newBuilder().header("Proxy-Authorization", credentials).build());
            }
        }
        if (Boolean.FALSE.equals(kwargs.get("verify"))) {
            LOG.warn("http_client_kwargs.verify is false: TLS certificates and host names are NOT checked");
            X509TrustManager trustAll = new TrustAll();
            builder.sslSocketFactory(trustAllContext(trustAll).getSocketFactory(), trustAll)
                    .hostnameVerifier((host, session) -> true);
        }
        Object follow = kwargs.get("follow_redirects");
        if (follow != null) {
            builder.followRedirects((Boolean) follow).followSslRedirects((Boolean) follow);
        }
    }

    /** Applies the per-client kwargs ({@code headers}) to an openai-java client builder. */
    public static void applyHeaders(Map<String, ?> kwargs, OpenAIOkHttpClient.Builder builder) {
        if (kwargs == null) {
            return;
        }
        Object headers = kwargs.get("headers");
        if (headers != null) {
            headers(headers).forEach(builder::putHeader);
        }
    }

    /** The per-client request headers of the kwargs ({@code headers}), in order; empty when none. */
    public static Map<String, String> headerMap(Map<String, ?> kwargs) {
        Object headers = kwargs == null ? null : kwargs.get("headers");
        return headers == null ? Map.of() : headers(headers);
    }

    private static SSLContext trustAllContext(X509TrustManager trustAll) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS without certificate checks", e);
        }
    }

    /** The kwargs with any proxy password masked, for {@code toString}. */
    public static Map<String, Object> redacted(Map<String, Object> kwargs) {
        if (kwargs == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>(kwargs);
        Object proxy = m.get("proxy");
        if (proxy instanceof String && ((String) proxy).contains("@")) {
            String s = (String) proxy;
            int scheme = s.indexOf("://");
            int at = s.lastIndexOf('@');
            m.put("proxy", (scheme < 0 ? "" : s.substring(0, scheme + 3)) + "***@" + s.substring(at + 1));
        }
        if (m.containsKey("headers")) {
            m.put("headers", "***");
        }
        return m;
    }

    private static Map<String, String> headers(Object v) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("http_client_kwargs.headers must be a mapping of header names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw new IllegalArgumentException("http_client_kwargs.headers: names and values must be strings");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static ParsedProxy parseProxy(Object v) {
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("http_client_kwargs.proxy must be a URL string such as "
                    + "'http://proxy.example.com:8080'");
        }
        URI uri;
        try {
            uri = URI.create((String) v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http_client_kwargs.proxy is not a valid URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("http_client_kwargs.proxy needs a scheme and a host, e.g. "
                    + "'http://proxy.example.com:8080'");
        }
        Proxy.Type type;
        int defaultPort;
        switch (scheme) {
            case "http":
                type = Proxy.Type.HTTP;
                defaultPort = 80;
                break;
            case "https":
                type = Proxy.Type.HTTP;
                defaultPort = 443;
                break;
            case "socks5":
            case "socks5h":
                type = Proxy.Type.SOCKS;
                defaultPort = 1080;
                break;
            default:
                throw new IllegalArgumentException("http_client_kwargs.proxy: unsupported scheme '" + scheme
                        + "'; use http, https or socks5");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            if (type == Proxy.Type.SOCKS) {
                throw new IllegalArgumentException("http_client_kwargs.proxy: credentials are only supported for "
                        + "HTTP proxies");
            }
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return new ParsedProxy(new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port)), user,
                password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static final class ParsedProxy {
        final Proxy proxy;
        final String user;
        final String password;

        ParsedProxy(Proxy proxy, String user, String password) {
            this.proxy = proxy;
            this.user = user;
            this.password = password;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
