package dev.hayloft.openai;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.internal.HttpClientKwargs;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings of an OpenAI client, shared by every OpenAI-backed component (chat and text
 * generators, DALL-E, Azure): the API key, base URL, organization, per-operation timeout,
 * retry count and Haystack's {@code http_client_kwargs}.
 *
 * <p>The builder applies the same defaults as Haystack and the OpenAI Python client, reading
 * the environment once, in {@link Builder#build()}: {@code timeout} falls back to
 * {@code OPENAI_TIMEOUT} (seconds) then 30 s, {@code maxRetries} to {@code OPENAI_MAX_RETRIES}
 * then 5, {@code apiBaseUrl} to {@code OPENAI_BASE_URL} then {@value #DEFAULT_BASE_URL},
 * {@code organization} to {@code OPENAI_ORG_ID}, {@code project} (sent as the
 * {@code OpenAI-Project} header) to {@code OPENAI_PROJECT_ID}, as the OpenAI Python client
 * reads them. The API key is resolved later, when a connection is opened. {@code toString}
 * never shows secrets.
 *
 * <p>{@code maxRetryAfter} caps how long a retry waits for a server's {@code Retry-After}
 * (or {@code retry-after-ms}): a wait above it, or one that cannot be parsed, gives the
 * exponential back-off (0.5 s doubling up to 8 s, with jitter) instead. It is a Hayloft
 * setting (Haystack has none), so components never write it in {@code toDict}.
 *
 * <pre>{@code
 * OpenAIClientOptions options = OpenAIClientOptions.builder()
 *         .apiKey(Secret.fromEnvVar("OPENAI_API_KEY"))
 *         .timeout(Duration.ofSeconds(60))
 *         .httpClientKwargs(Map.of("proxy", "http://proxy.internal:3128"))
 *         .build();
 * try (OpenAIConnection connection = OpenAIConnection.open(options)) {
 *     ...
 * }
 * }</pre>
 *
 * @param apiKey the API key
 * @param apiBaseUrl the API's base URL, e.g. {@code https://api.openai.com/v1}
 * @param organization the OpenAI organization id, or null
 * @param timeout the timeout of each connect, read and write (not a cap on a whole stream)
 * @param maxRetries how often a failed request is retried (429, 408, 409, 5xx, connection errors)
 * @param httpClientKwargs Haystack's {@code http_client_kwargs}: {@code proxy}, {@code verify},
 *        {@code headers}, {@code follow_redirects}; null for none
 * @param project the OpenAI project id ({@code OpenAI-Project} header), or null
 * @param maxRetryAfter the longest {@code Retry-After} a retry waits for (0 to 60 s by default)
 */
public record OpenAIClientOptions(Secret apiKey, String apiBaseUrl, String organization, Duration timeout,
        int maxRetries, Map<String, Object> httpClientKwargs, String project, Duration maxRetryAfter) {

    /** OpenAI's API. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** Haystack's default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Haystack's default number of retries. */
    public static final int DEFAULT_MAX_RETRIES = 5;
    /** The longest {@code Retry-After} honoured by default, as in the OpenAI Python client. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** Options without a project and with the default {@code Retry-After} cap. */
    public OpenAIClientOptions(Secret apiKey, String apiBaseUrl, String organization, Duration timeout, int maxRetries,
            Map<String, Object> httpClientKwargs) {
        this(apiKey, apiBaseUrl, organization, timeout, maxRetries, httpClientKwargs, null, DEFAULT_MAX_RETRY_AFTER);
    }

    public OpenAIClientOptions {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
        }
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative but was " + maxRetryAfter);
        }
        HttpClientKwargs.validate(httpClientKwargs);
        httpClientKwargs = httpClientKwargs == null ? null : JsonValues.immutableMap(httpClientKwargs);
    }

    /** A builder with Haystack's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code configured} when set, else {@code OPENAI_TIMEOUT} (seconds, may be fractional) from
     * {@code env}, else 30 s.
     */
    public static Duration resolveTimeout(Duration configured, Function<String, String> env) {
        if (configured != null) {
            return configured;
        }
        String v = env.apply("OPENAI_TIMEOUT");
        if (v == null || v.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            return seconds(Double.parseDouble(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OPENAI_TIMEOUT must be a positive number of seconds but was '" + v
                    + "'", e);
        }
    }

    /** {@code configured} when set, else {@code OPENAI_MAX_RETRIES} from {@code env}, else 5. */
    public static int resolveMaxRetries(Integer configured, Function<String, String> env) {
        if (configured != null) {
            return configured;
        }
        String v = env.apply("OPENAI_MAX_RETRIES");
        if (v == null || v.isBlank()) {
            return DEFAULT_MAX_RETRIES;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OPENAI_MAX_RETRIES must be an integer but was '" + v + "'", e);
        }
    }

    /** A duration of {@code seconds} (Haystack's float timeouts). */
    public static Duration seconds(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("timeout must be a positive number of seconds but was " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** {@code duration} in seconds, as Haystack serialises timeouts. */
    public static double toSeconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    @Override
    public String toString() {
        return "OpenAIClientOptions[apiKey=" + apiKey + ", apiBaseUrl=" + apiBaseUrl + ", organization=" + organization
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", httpClientKwargs="
                + HttpClientKwargs.redacted(httpClientKwargs) + ", project=" + project + ", maxRetryAfter="
                + maxRetryAfter + "]";
    }

    /**
     * Builds {@link OpenAIClientOptions}; unset values take the environment's or Haystack's defaults.
     *
     * <pre>{@code
     * OpenAIClientOptions o = OpenAIClientOptions.builder().apiBaseUrl("http://localhost:8000/v1").maxRetries(2)
 *         .maxRetryAfter(Duration.ofSeconds(20)).build();
     * }</pre>
     */
    public static final class Builder {
        private Secret apiKey = Secret.fromEnvVar("OPENAI_API_KEY");
        private String apiBaseUrl;
        private String organization;
        private Duration timeout;
        private Integer maxRetries;
        private Map<String, Object> httpClientKwargs;
        private String project;
        private Duration maxRetryAfter;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        public Builder apiKey(Secret apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** The per-operation timeout; null for {@code OPENAI_TIMEOUT} or 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The retry count; null for {@code OPENAI_MAX_RETRIES} or 5. */
        public Builder maxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder httpClientKwargs(Map<String, Object> httpClientKwargs) {
            this.httpClientKwargs = httpClientKwargs;
            return this;
        }

        /** The OpenAI project id sent as {@code OpenAI-Project}; null for {@code OPENAI_PROJECT_ID} or none. */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * The longest server-asked wait ({@code Retry-After}, {@code retry-after-ms}) a retry
         * honours; longer or unparsable waits fall back to exponential back-off. Null for 60 s.
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** Where {@link #build()} reads environment variables (default: the process environment). */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Resolves the defaults (reading the environment now) and validates. */
        public OpenAIClientOptions build() {
            String base = apiBaseUrl != null ? apiBaseUrl : environment.apply("OPENAI_BASE_URL");
            String org = organization != null ? organization : environment.apply("OPENAI_ORG_ID");
            String proj = project != null ? project : environment.apply("OPENAI_PROJECT_ID");
            return new OpenAIClientOptions(apiKey, base == null || base.isBlank() ? DEFAULT_BASE_URL : base, org,
                    resolveTimeout(timeout, environment), resolveMaxRetries(maxRetries, environment),
                    httpClientKwargs, proj == null || proj.isBlank() ? null : proj,
                    maxRetryAfter != null ? maxRetryAfter : DEFAULT_MAX_RETRY_AFTER);
        }
    }
}
