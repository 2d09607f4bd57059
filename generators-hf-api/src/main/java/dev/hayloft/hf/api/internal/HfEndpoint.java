package dev.hayloft.hf.api.internal;

import dev.hayloft.hf.api.HFGenerationAPIType;
import dev.hayloft.hf.api.ServerBackend;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where requests go, validated from {@code api_type} and {@code api_params} without any network
 * call: the server's URL (TGI, Inference Endpoints, any server at a URL) or the model (and
 * provider) on the Hugging Face router, plus {@code timeout}, {@code headers}, {@code bill_to}
 * and {@code backend}. The URLs follow {@code huggingface_hub}: a URL's chat route is
 * {@code {url}/v1/chat/completions} (kept as it is when it already ends with
 * {@code /chat/completions}, {@code /chat/completions} added after {@code /v1}); the router's
 * is {@code {router}/v1/chat/completions} with the model as {@code model} or
 * {@code model:provider} (a provider, or a policy: {@code fastest}, {@code cheapest},
 * {@code preferred}); TGI's native routes are {@code {url}/generate} and
 * {@code {url}/generate_stream}, and the serverless text-generation task is
 * {@code {router}/hf-inference/models/{model}}.
 *
 * <pre>{@code
 * HfEndpoint e = HfEndpoint.of(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
 *         Map.of("url", "http://localhost:8080"), HfEndpoint.ROUTER);
 * String chat = e.chatUrl();   // http://localhost:8080/v1/chat/completions
 * }</pre>
 *
 * @param apiType the API type
 * @param url the server's URL without a trailing slash (null for the router)
 * @param model the model id: required for the router, the served model's name (optional) at a URL
 * @param provider the router's provider or policy, or null
 * @param backend the server's dialect when given ({@code api_params.backend}), else null (detected)
 * @param timeout the per-read timeout ({@code api_params.timeout}), or null for the default
 * @param headers extra request headers ({@code api_params.headers}, plus {@code X-HF-Bill-To})
 * @param router the router's base URL
 */
public record HfEndpoint(HFGenerationAPIType apiType, String url, String model, String provider,
        ServerBackend backend, Duration timeout, Map<String, String> headers, String router) {
    /** Hugging Face's Inference Providers router. */
    public static final String ROUTER = "https://router.huggingface.co";
    /** The keys of {@code api_params} this module reads. */
    public static final Set<String> KEYS = Set.of("url", "model", "provider", "timeout", "headers", "bill_to",
            "backend");
    private static final Set<String> POLICIES = Set.of("auto", "fastest", "cheapest", "preferred");
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

    public HfEndpoint {
        Objects.requireNonNull(apiType, "apiType");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(router, "router");
    }

    /**
     * Validates {@code apiParams} for {@code apiType}.
     *
     * @throws IllegalArgumentException naming the missing or malformed parameter
     */
    public static HfEndpoint of(HFGenerationAPIType apiType, Map<String, ?> apiParams, String router) {
        if (apiType == null) {
            throw new IllegalArgumentException("api_type is required: one of text_generation_inference, "
                    + "inference_endpoints, serverless_inference_api");
        }
        if (apiParams == null) {
            throw new IllegalArgumentException("api_params is required (a map with 'url' or 'model')");
        }
        Set<String> unknown = new TreeSet<>(apiParams.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("api_params: unknown key(s) " + unknown + "; known keys are "
                    + new TreeSet<>(KEYS));
        }
        String model = string(apiParams, "model");
        String provider = string(apiParams, "provider");
        ServerBackend backend = apiParams.get("backend") == null ? null
                : ServerBackend.fromString(string(apiParams, "backend"));
        Duration timeout = timeout(apiParams.get("timeout"));
        Map<String, String> headers = headers(apiParams.get("headers"));
        String billTo = string(apiParams, "bill_to");
        if (billTo != null) {
            headers.put("X-HF-Bill-To", billTo);
        }
        String base = checkUrl(router, "the router URL");
        if (apiType.usesUrl()) {
            String url = string(apiParams, "url");
            if (url == null) {
                throw new IllegalArgumentException("To use Text Generation Inference or Inference Endpoints, you need "
                        + "to specify the `url` parameter in `api_params`.");
            }
            if (provider != null) {
                throw new IllegalArgumentException("api_params.provider is only used with serverless_inference_api; a "
                        + apiType.value() + " URL is called directly, so remove 'provider'");
            }
            return new HfEndpoint(apiType, checkUrl(url, "api_params.url"), blankToNull(model, "model"), null,
                    backend, timeout, headers, base);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("To use the Serverless Inference API, you need to specify the `model` "
                    + "parameter in `api_params`.");
        }
        if (model.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("api_params.model must be a model id such as 'Qwen/Qwen2.5-7B-Instruct', "
                    + "not '" + model + "'");
        }
        if (provider != null) {
            if (model.contains(":")) {
                throw new IllegalArgumentException("api_params: the model '" + model + "' already names a provider or "
                        + "policy after ':'; give it there or in 'provider', not in both");
            }
            if (!PROVIDER.matcher(provider).matches()) {
                throw new IllegalArgumentException("api_params.provider must be a provider name (e.g. 'together') or "
                        + "a policy (" + POLICIES + "), not '" + provider + "'");
            }
        }
        if (backend != null && backend != ServerBackend.OPENAI) {
            throw new IllegalArgumentException("api_params.backend: the Hugging Face router speaks OpenAI's dialect; "
                    + "'" + backend.value() + "' applies to a server at a URL");
        }
        return new HfEndpoint(apiType, null, model, provider, ServerBackend.OPENAI, timeout, headers, base);
    }

    /** The {@code /v1/chat/completions} URL. */
    public String chatUrl() {
        if (url == null) {
            return router + "/v1/chat/completions";
        }
        URI u = URI.create(url);
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String suffix = path.endsWith("/chat/completions") ? "" : path.endsWith("/v1") ? "/chat/completions"
                : "/v1/chat/completions";
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return url.substring(0, url.length() - query.length()) + suffix + query;
    }

    /** The {@code model} sent in a chat request: {@code model[:provider]} on the router, else the served model or null. */
    public String chatModel() {
        if (url != null) {
            return model;
        }
        return provider == null || provider.equals("auto") ? model : model + ":" + provider;
    }

    /** TGI's {@code /generate} or {@code /generate_stream}, or the router's hf-inference text-generation route. */
    public String generateUrl(boolean stream) {
        if (url == null) {
            return router + "/hf-inference/models/" + model;
        }
        return serverRoot() + (stream ? "/generate_stream" : "/generate");
    }

    /** Whether the text-generation route takes {@code stream} in the body (the router's) rather than in the path. */
    public boolean streamInBody() {
        return url == null;
    }

    /** TGI's {@code /info}. */
    public String infoUrl() {
        return serverRoot() + "/info";
    }

    /** The OpenAI-compatible {@code /v1/models}. */
    public String modelsUrl() {
        return serverRoot() + "/v1/models";
    }

    /** The URL without a trailing {@code /v1} (or {@code /v1/chat/completions}), where TGI's own routes are. */
    private String serverRoot() {
        String root = url;
        for (String tail : List.of("/chat/completions", "/v1")) {
            if (root.endsWith(tail)) {
                root = root.substring(0, root.length() - tail.length());
            }
        }
        return root;
    }

    /** What replies name as their model when the server does not say: the model id, else the URL (as Haystack). */
    public String modelLabel() {
        return model != null ? model : url;
    }

    private static String string(Map<String, ?> params, String key) {
        Object v = params.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException("api_params." + key + " must be a string, not " + v.getClass().getSimpleName());
    }

    private static String blankToNull(String value, String key) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("api_params." + key + " must not be blank");
        }
        return value;
    }

    private static Duration timeout(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number) || !(((Number) v).doubleValue() > 0) || Double.isInfinite(((Number) v).doubleValue())) {
            throw new IllegalArgumentException("api_params.timeout must be a positive number of seconds, not " + v);
        }
        return Duration.ofNanos(Math.round(((Number) v).doubleValue() * 1e9));
    }

    private static Map<String, String> headers(Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("api_params.headers must be a map of header names to values");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)
                    || ((String) e.getKey()).isBlank()) {
                throw new IllegalArgumentException("api_params.headers must map header names to string values; "
                        + "'" + e.getKey() + "' does not");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    /** Haystack's {@code is_valid_http_url}: an http(s) scheme and a host; a trailing slash is dropped. */
    private static String checkUrl(String url, String what) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("Invalid URL: " + url + " (" + what + " must be an http or https "
                        + "URL with a host)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid URL: " + url + " (" + what + ": " + e.getReason() + ")", e);
        }
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
