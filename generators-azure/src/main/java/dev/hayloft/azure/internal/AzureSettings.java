package dev.hayloft.azure.internal;

import dev.hayloft.azure.AzureTokenProvider;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.OpenAIChatMapping;
import dev.hayloft.openai.OpenAIClientOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The validated build-time settings both Azure OpenAI generators share: the values as given
 * (for {@code toDict}) and as resolved once, at build time, from the environment
 * ({@code AZURE_OPENAI_ENDPOINT}, {@code OPENAI_API_VERSION}, {@code OPENAI_TIMEOUT},
 * {@code OPENAI_MAX_RETRIES}), plus the URL layout: Azure's deployment routes
 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=...}, Haystack's) or the
 * v1 API ({@code /openai/v1/chat/completions}), chosen when the endpoint ends in
 * {@code /openai/v1} or {@code api_version} is {@code "v1"} or {@code "preview"}.
 *
 * <p>Credentials: an {@code azure_ad_token} that resolves wins over an
 * {@code azure_ad_token_provider}, which wins over an {@code api_key} (the order of the OpenAI
 * Python client Haystack uses). Building fails, naming the field, when there is no endpoint,
 * the endpoint is not an absolute http(s) URL, or none of the three is available.
 *
 * <pre>{@code
 * AzureSettings.Values v = new AzureSettings.Values();
 * v.azureEndpoint = "https://my-resource.openai.azure.com/";
 * AzureSettings s = AzureSettings.of(v);
 * OpenAIConnection c = AzureConnections.open(s);
 * }</pre>
 */
public final class AzureSettings {
    /** The provider name in exceptions and listener events. */
    public static final String PROVIDER = "azure_openai";
    /** Haystack's default {@code api_version}. */
    public static final String DEFAULT_API_VERSION = "2023-05-15";
    /** Haystack's default {@code azure_deployment}. */
    public static final String DEFAULT_DEPLOYMENT = "gpt-4o-mini";
    /** The environment variable read when no endpoint is given. */
    public static final String ENDPOINT_ENV = "AZURE_OPENAI_ENDPOINT";

    private final String azureEndpoint;
    private final String apiVersion;
    private final String serviceVersion;
    private final String azureDeployment;
    private final String model;
    private final Secret apiKey;
    private final Secret azureAdToken;
    private final AzureTokenProvider tokenProvider;
    private final String organization;
    private final StreamingCallback streamingCallback;
    private final Duration timeout;
    private final int maxRetries;
    private final Map<String, Object> generationKwargs;
    private final Map<String, String> defaultHeaders;
    private final Map<String, Object> httpClientKwargs;
    private final Function<String, String> environment;
    private final boolean v1;
    private final String baseUrl;

    private AzureSettings(Values v) {
        this.environment = Objects.requireNonNull(v.environment, "environment");
        String endpoint = v.azureEndpoint;
        String field = "azure_endpoint";
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = environment.apply(ENDPOINT_ENV);
            field = "azure_endpoint (from " + ENDPOINT_ENV + ")";
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("azure_endpoint is missing: give the endpoint of your Azure OpenAI "
                    + "resource (e.g. https://<resource>.openai.azure.com/) or set " + ENDPOINT_ENV);
        }
        URI uri = checkEndpoint(endpoint.trim(), field);
        this.azureEndpoint = endpoint;
        this.apiVersion = v.apiVersion;
        String version = v.apiVersion != null ? v.apiVersion : environment.apply("OPENAI_API_VERSION");
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("api_version is missing: give it (e.g. \"" + DEFAULT_API_VERSION
                    + "\") or set OPENAI_API_VERSION");
        }
        version = version.trim();
        String path = trimSlashes(uri.getRawPath() == null ? "" : uri.getRawPath());
        this.v1 = path.endsWith("/openai/v1") || version.equals("v1") || version.equals("preview");
        String root = trimSlashes(endpoint.trim());
        this.baseUrl = v1 && !path.endsWith("/openai/v1") ? root + "/openai/v1" : root;
        // the v1 API takes no dated versions; "v1" is the path itself
        this.serviceVersion = v1 && (version.equals("v1") || Character.isDigit(version.charAt(0))) ? null : version;
        this.azureDeployment = v.azureDeployment;
        if (v.azureDeployment != null && v.azureDeployment.isBlank()) {
            throw new IllegalArgumentException("azure_deployment must not be blank");
        }
        this.model = v.azureDeployment != null ? v.azureDeployment : DEFAULT_DEPLOYMENT;
        this.apiKey = v.apiKey;
        this.azureAdToken = v.azureAdToken;
        this.tokenProvider = v.tokenProvider;
        this.organization = v.organization;
        this.streamingCallback = v.streamingCallback;
        this.timeout = OpenAIClientOptions.resolveTimeout(v.timeout, environment);
        this.maxRetries = OpenAIClientOptions.resolveMaxRetries(v.maxRetries, environment);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max_retries must be >= 0 but was " + maxRetries);
        }
        Map<String, Object> kwargs = OpenAIChatMapping.normalizeGenerationKwargs(v.generationKwargs);
        this.generationKwargs = JsonValues.immutableMap(kwargs == null ? Map.of() : kwargs);
        this.defaultHeaders = headers(v.defaultHeaders);
        this.httpClientKwargs = v.httpClientKwargs == null ? null : JsonValues.immutableMap(v.httpClientKwargs);
        // validates timeout, retries and http_client_kwargs the way every OpenAI client does
        clientOptions(Secret.fromToken("validation"));
        AzureConnections.credentials(this, true);
    }

    /** Validates {@code values}, reading the environment fallbacks now. */
    public static AzureSettings of(Values values) {
        return new AzureSettings(values);
    }

    private static URI checkEndpoint(String endpoint, String field) {
        String hint = field + " must be an absolute http(s) URL such as https://<resource>.openai.azure.com/";
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + " but was '" + endpoint + "': " + e.getReason(), null);
        }
        if (uri.getRawUserInfo() != null) {
            // never echo credentials embedded in a URL
            throw new IllegalArgumentException(hint + " without user information (user:password@)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(hint + " but was '" + endpoint + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(hint + " without query or fragment (the api-version is given with "
                    + "api_version) but was '" + endpoint + "'");
        }
        return uri;
    }

    private static String trimSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Map<String, String> headers(Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("default_headers: header names must not be blank");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("default_headers." + e.getKey() + " must not be null");
            }
            out.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The openai-java client settings, authenticating with {@code auth} (the key or token, or a placeholder). */
    OpenAIClientOptions clientOptions(Secret auth) {
        return OpenAIClientOptions.builder().apiKey(auth).apiBaseUrl(baseUrl).organization(organization)
                .timeout(timeout).maxRetries(maxRetries).httpClientKwargs(httpClientKwargs)
                .environment(environment).build();
    }

    /**
     * Starts the listeners' observation of a request (provider {@value #PROVIDER}, the
     * deployment as model, the kwargs merged over the build-time ones).
     */
    public GenerationObservation observe(GenerationListeners listeners, Object component, List<ChatMessage> messages,
            Map<String, Object> runtimeKwargs, StreamingCallback callback) {
        if (listeners.isEmpty()) {
            return GenerationObservation.none();
        }
        return listeners.start(GenerationContext.of(component, PROVIDER, model, callback != null)
                .withServer(azureEndpoint), messages, GenerationKwargs.merge(generationKwargs, runtimeKwargs));
    }

    /** The callback's registered name for {@code toDict}; an unnamed callback cannot be serialised. */
    public String streamingCallbackName() {
        if (streamingCallback == null) {
            return null;
        }
        String name = StreamingCallback.nameOf(streamingCallback);
        if (name == null) {
            throw new SerializationException("The streaming callback cannot be serialized: it has no registered name; "
                    + "wrap it with StreamingCallback.named(\"<name>\", callback) and register that name");
        }
        return name;
    }

    /** The provider's registered name for {@code toDict}; an unnamed provider cannot be serialised. */
    public String tokenProviderName() {
        if (tokenProvider == null) {
            return null;
        }
        String name = AzureTokenProvider.nameOf(tokenProvider);
        if (name == null) {
            throw new SerializationException("The azure_ad_token_provider cannot be serialized: it has no registered "
                    + "name; wrap it with AzureTokenProvider.named(\"<name>\", provider) and register that name with "
                    + "ComponentRegistry.builder().function(\"<name>\", provider)");
        }
        return name;
    }

    /** The endpoint as given or read from {@value #ENDPOINT_ENV}. */
    public String azureEndpoint() {
        return azureEndpoint;
    }

    /** {@code api_version} as given (null: {@code OPENAI_API_VERSION}). */
    public String apiVersion() {
        return apiVersion;
    }

    /** The {@code api-version} query value sent, or null (v1 API without one). */
    public String serviceVersion() {
        return serviceVersion;
    }

    /** {@code azure_deployment} as given, or null. */
    public String azureDeployment() {
        return azureDeployment;
    }

    /** The deployment requests go to (the body's {@code model}). */
    public String model() {
        return model;
    }

    public Secret apiKey() {
        return apiKey;
    }

    public Secret azureAdToken() {
        return azureAdToken;
    }

    public AzureTokenProvider tokenProvider() {
        return tokenProvider;
    }

    public String organization() {
        return organization;
    }

    public StreamingCallback streamingCallback() {
        return streamingCallback;
    }

    /** The resolved timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** The resolved retry count. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The build-time kwargs (immutable, {@code response_format} classes normalised). */
    public Map<String, Object> generationKwargs() {
        return generationKwargs;
    }

    public Map<String, String> defaultHeaders() {
        return defaultHeaders;
    }

    public Map<String, Object> httpClientKwargs() {
        return httpClientKwargs;
    }

    public Function<String, String> environment() {
        return environment;
    }

    /** Whether requests use the v1 API layout. */
    public boolean v1() {
        return v1;
    }

    /** The base URL openai-java gets. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A mutable copy of the build-time kwargs, for {@code toDict}. */
    public Map<String, Object> generationKwargsCopy() {
        return JsonValues.mutableMap(generationKwargs);
    }

    /** A mutable copy of the client kwargs, or null, for {@code toDict}. */
    public Map<String, Object> httpClientKwargsCopy() {
        return httpClientKwargs == null ? null : JsonValues.mutableMap(httpClientKwargs);
    }

    /** The settings without secrets. */
    @Override
    public String toString() {
        return "azureEndpoint=" + azureEndpoint + ", azureDeployment=" + model + ", apiVersion=" + apiVersion
                + ", apiKey=" + apiKey + ", azureAdToken=" + azureAdToken + ", azureAdTokenProvider="
                + (tokenProvider == null ? null : tokenProvider.getClass().getSimpleName()) + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries;
    }

    /**
     * The builder state both generators share, with Haystack's defaults.
     *
     * <pre>{@code
     * AzureSettings.Values v = new AzureSettings.Values();
     * v.azureDeployment = "gpt-4o";
     * }</pre>
     */
    public static final class Values {
        public String azureEndpoint;
        public String apiVersion = DEFAULT_API_VERSION;
        public String azureDeployment = DEFAULT_DEPLOYMENT;
        public Secret apiKey = Secret.fromEnvVar(List.of("AZURE_OPENAI_API_KEY"), false);
        public Secret azureAdToken = Secret.fromEnvVar(List.of("AZURE_OPENAI_AD_TOKEN"), false);
        public AzureTokenProvider tokenProvider;
        public String organization;
        public StreamingCallback streamingCallback;
        public Duration timeout;
        public Integer maxRetries;
        public Map<String, Object> generationKwargs;
        public Map<String, String> defaultHeaders;
        public Map<String, Object> httpClientKwargs;
        public Function<String, String> environment = System::getenv;

        /** A copy of {@code s}'s values as given. */
        public static Values of(AzureSettings s) {
            Values v = new Values();
            v.azureEndpoint = s.azureEndpoint;
            v.apiVersion = s.apiVersion;
            v.azureDeployment = s.azureDeployment;
            v.apiKey = s.apiKey;
            v.azureAdToken = s.azureAdToken;
            v.tokenProvider = s.tokenProvider;
            v.organization = s.organization;
            v.streamingCallback = s.streamingCallback;
            v.timeout = s.timeout;
            v.maxRetries = s.maxRetries;
            v.generationKwargs = s.generationKwargs;
            v.defaultHeaders = s.defaultHeaders;
            v.httpClientKwargs = s.httpClientKwargs;
            v.environment = s.environment;
            return v;
        }
    }
}
