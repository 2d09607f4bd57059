package dev.hayloft.observability;

import static dev.hayloft.observability.GenAiConventions.ERROR_TYPE;
import static dev.hayloft.observability.GenAiConventions.OPERATION_NAME;
import static dev.hayloft.observability.GenAiConventions.PROVIDER_NAME;
import static dev.hayloft.observability.GenAiConventions.REQUEST_MODEL;
import static dev.hayloft.observability.GenAiConventions.RESPONSE_MODEL;
import static dev.hayloft.observability.GenAiConventions.RETRIED;
import static dev.hayloft.observability.GenAiConventions.SERVER_ADDRESS;
import static dev.hayloft.observability.GenAiConventions.SERVER_PORT;
import static dev.hayloft.observability.GenAiConventions.TOKEN_TYPE;

import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.observability.internal.Server;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer metrics of generations, per the OpenTelemetry GenAI semantic conventions: a
 * {@link GenerationListener} to attach to generators; nothing global is changed.
 *
 * <ul>
 * <li>{@code gen_ai.client.operation.duration} (timer, seconds): per request, all attempts and
 *     back-offs included, with {@code error.type} when it failed;</li>
 * <li>{@code gen_ai.client.token.usage} (distribution summary, tokens): per successful request
 *     with reported usage, {@code gen_ai.token.type} {@code input} and {@code output};</li>
 * <li>{@code gen_ai.client.operation.time_to_first_chunk} (timer, seconds): per streamed
 *     request, measured on the client from the request's start to its first chunk with
 *     content (the conventions' client-side time to first token);</li>
 * <li>{@code hayloft.gen_ai.client.errors} (counter): per failed attempt by {@code error.type}
 *     (the exception class), {@code hayloft.retried} {@code true} when another attempt
 *     followed (a retry or a fallback's next generator), {@code false} when the request
 *     failed.</li>
 * </ul>
 * Tags: {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model},
 * {@code server.address} and {@code server.port} (when the generator reports its endpoint) and, on durations, {@code gen_ai.response.model} and {@code error.type}; a tag whose value is
 * unknown is the empty string, so every meter of a name has the same tag keys (as Prometheus
 * requires). Histogram buckets are the conventions' explicit boundaries.
 *
 * <pre>{@code
 * GenAiMetrics metrics = GenAiMetrics.create(meterRegistry);
 * OpenAIChatGenerator llm = OpenAIChatGenerator.builder().listener(metrics).build();
 * }</pre>
 *
 * <p>Thread-safe; one instance may serve any number of generators.
 */
public final class GenAiMetrics implements GenerationListener {
    private static final Duration[] DURATION_BUCKETS = durations(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
            2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    private static final Duration[] TTFT_BUCKETS = durations(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,
            0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864};

    private final MeterRegistry registry;
    // the registry finds meters by id too; these save building the id and its histogram config per call
    private final Map<Key, Timer> durations = new ConcurrentHashMap<>();
    private final Map<Key, Timer> firstChunks = new ConcurrentHashMap<>();
    private final Map<Key, DistributionSummary> tokens = new ConcurrentHashMap<>();
    private final Map<Key, Counter> errors = new ConcurrentHashMap<>();

    /** What tells meters of one name apart; {@code extra} is the response model, token type or error type. */
    private record Key(String operation, String provider, String model, Server server, String extra, String more) {
        static Key of(GenerationContext c, String extra, String more) {
            return new Key(GenAiConventions.operationName(c), GenAiConventions.providerName(c.provider()),
                    c.model() == null ? "" : c.model(), Server.of(c), extra, more);
        }

        Tags tags() {
            return Tags.of(OPERATION_NAME, operation, PROVIDER_NAME, provider, REQUEST_MODEL, model,
                    SERVER_ADDRESS, server == null ? "" : server.address(),
                    SERVER_PORT, server == null ? "" : String.valueOf(server.port()));
        }
    }

    private GenAiMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Metrics registered in {@code registry}. */
    public static GenAiMetrics create(MeterRegistry registry) {
        return new GenAiMetrics(registry);
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }

    @Override
    public void onFirstToken(FirstTokenEvent event) {
        firstChunks.computeIfAbsent(Key.of(event.context(), "", ""), k -> Timer
                .builder(GenAiConventions.METRIC_TIME_TO_FIRST_CHUNK)
                .description("Time to receive the first chunk of a streamed generation, measured by the client")
                .tags(k.tags()).serviceLevelObjectives(TTFT_BUCKETS).register(registry))
                .record(event.timeToFirstToken());
    }

    @Override
    public void onRetry(RetryEvent event) {
        count(event.context(), event.previousError().getClass().getName(), true);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        GenerationContext c = event.context();
        duration(Key.of(c, event.responseModel() == null ? "" : event.responseModel(), ""), event.duration());
        if (event.usage().inputTokens() != null) {
            tokens(Key.of(c, "input", ""), event.usage().inputTokens());
        }
        if (event.usage().outputTokens() != null) {
            tokens(Key.of(c, "output", ""), event.usage().outputTokens());
        }
    }

    @Override
    public void onError(ErrorEvent event) {
        String type = event.cancelled() ? "cancelled" : event.error().getClass().getName();
        duration(Key.of(event.context(), "", type), event.duration());
        count(event.context(), type, false);
    }

    private void duration(Key key, Duration d) {
        durations.computeIfAbsent(key, k -> Timer.builder(GenAiConventions.METRIC_OPERATION_DURATION)
                .description("GenAI operation duration")
                .tags(k.tags().and(RESPONSE_MODEL, k.extra(), ERROR_TYPE, k.more()))
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry)).record(d);
    }

    private void tokens(Key key, int count) {
        tokens.computeIfAbsent(key, k -> DistributionSummary.builder(GenAiConventions.METRIC_TOKEN_USAGE)
                .baseUnit("tokens").description("Number of input and output tokens used")
                .tags(k.tags().and(TOKEN_TYPE, k.extra())).serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry)).record(count);
    }

    private void count(GenerationContext c, String type, boolean retried) {
        errors.computeIfAbsent(Key.of(c, type, String.valueOf(retried)), k -> Counter
                .builder(GenAiConventions.METRIC_ERRORS).description("Failed generation attempts by error type")
                .tags(k.tags().and(ERROR_TYPE, k.extra(), RETRIED, k.more())).register(registry)).increment();
    }

    @Override
    public String toString() {
        return "GenAiMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
