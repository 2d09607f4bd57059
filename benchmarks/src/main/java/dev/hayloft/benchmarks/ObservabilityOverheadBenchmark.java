package dev.hayloft.benchmarks;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.observability.GenAiMetrics;
import dev.hayloft.observability.GenAiTracing;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of {@code GenAiTracing} and {@code GenAiMetrics}: the same {@code OpenAIChatGenerator}
 * against one loopback server in one run, without listeners, with tracing (the real
 * OpenTelemetry SDK, a batch span processor and an exporter that counts and drops), with
 * metrics (a {@code SimpleMeterRegistry}), with both; and a one-generator pipeline without and
 * with tracing of the run and the component. Per variant, the median over rounds (rotating
 * order) of wall time and bytes allocated (all threads) per call, for a non-streaming call and a
 * 1,000-chunk stream; then the listeners' own work per request without I/O.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.ObservabilityOverheadBenchmark -Dexec.args="10 1000 20"
 * }</pre>
 *
 * Arguments: rounds (default 10), non-streaming calls per round (1000), streaming calls per
 * round (20).
 */
public final class ObservabilityOverheadBenchmark {
    private static final int CHUNKS = 1000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.fromUser("Say hello."));

    private ObservabilityOverheadBenchmark() {
    }

    /** Counts exported spans and drops them. */
    static final class Discard implements SpanExporter {
        final AtomicLong spans = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAndGet(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** One way of calling the generator. */
    private record Variant(String name, OpenAIChatGenerator generator, Pipeline pipeline) {
        long call(boolean stream) {
            if (pipeline != null) {
                Map<String, Object> in = stream ? Map.of("messages", MESSAGES, "streaming_callback",
                        (dev.hayloft.core.dataclasses.StreamingCallback) chunk -> { }) : Map.of("messages", MESSAGES);
                Object replies = pipeline.run(Map.of("llm", in)).get("llm").get("replies");
                return ((ChatMessage) ((List<?>) replies).get(0)).text().length();
            }
            return stream ? generator.run(MESSAGES, null, null, chunk -> { }).text().length()
                    : generator.run(MESSAGES).text().length();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int plainCalls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int streamCalls = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Discard exported = new Discard();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<OpenAIChatGenerator> generators = new ArrayList<>();
        try (LoopbackOpenAI server = LoopbackOpenAI.start(CHUNKS);
             OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                     .addSpanProcessor(BatchSpanProcessor.builder(exported).setMaxQueueSize(1 << 17).build()).build())
                     .build()) {
            GenAiTracing tracing = GenAiTracing.create(otel);
            GenAiMetrics metrics = GenAiMetrics.create(registry);
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("disabled", generator(server, generators), null));
            variants.add(new Variant("tracing", generator(server, generators, tracing), null));
            variants.add(new Variant("metrics", generator(server, generators, metrics), null));
            variants.add(new Variant("tracing+metrics", generator(server, generators, tracing, metrics), null));
            Pipeline plain = new Pipeline();
            plain.addComponent("llm", generator(server, generators));
            variants.add(new Variant("pipeline", null, plain));
            Pipeline traced = new Pipeline();
            traced.addComponent("llm", generator(server, generators));
            variants.add(new Variant("pipeline+tracing", null, tracing.instrument(traced)));
            System.out.printf("JVM %s, %d CPUs, %d rounds, %d plain / %d streaming calls per round%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                    plainCalls, streamCalls);
            report("non-streaming", variants, rounds, plainCalls, false);
            report("stream of " + CHUNKS + " chunks", variants, rounds, streamCalls, true);
            listenerCost(rounds, plainCalls * 2, List.of(tracing, metrics));
            otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
            System.out.printf("%n(%d spans exported and dropped)%n", exported.spans.get());
        } finally {
            generators.forEach(OpenAIChatGenerator::close);
            registry.close();
        }
    }

    private static OpenAIChatGenerator generator(LoopbackOpenAI server, List<OpenAIChatGenerator> all,
            GenerationListener... listeners) {
        OpenAIChatGenerator g = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "bench"))
                .apiBaseUrl(server.baseUrl()).model("gpt-4o-mini").timeout(Duration.ofSeconds(30)).maxRetries(5)
                .listeners(List.of(listeners)).build();
        all.add(g);
        return g;
    }

    private static void report(String title, List<Variant> variants, int rounds, int calls, boolean stream) {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
        for (int w = 0; w < Math.max(3, rounds / 3); w++) {   // JIT and connection pools
            variants.forEach(v -> measure(v, calls, stream));
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + r) % variants.size());
                results.get(v.name()).add(measure(v, calls, stream));
            }
        }
        System.out.printf("%n%s (ratios: generators against disabled, pipelines against pipeline)%n", title);
        System.out.printf("%-18s %10s %8s %12s %8s%n", "variant", "us/call", "ratio", "KiB/call", "ratio");
        double[] direct = medians(results.get("disabled"));
        double[] piped = medians(results.get("pipeline"));
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] m = medians(e.getValue());
            double[] ref = e.getKey().startsWith("pipeline") ? piped : direct;
            System.out.printf("%-18s %10.1f %7.3fx %12.1f %7.3fx%n", e.getKey(), m[0] / 1000, m[0] / ref[0],
                    m[1] / 1024, m[1] / ref[1]);
        }
    }

    /**
     * The listeners' own work per request, without I/O: the events of a one-attempt request
     * (start, success with usage) through {@code GenerationListeners}, as a generator fires them.
     */
    private static void listenerCost(int rounds, int requests, List<GenerationListener> listeners) {
        List<ChatMessage> replies = List.of(ChatMessage.fromAssistant("Hello", List.of(), Map.of("model",
                "gpt-4o-mini-2024-07-18", "finish_reason", "stop", "usage", Map.of("prompt_tokens", 12,
                        "completion_tokens", 9))));
        Map<String, GenerationListeners> sets = new LinkedHashMap<>();
        sets.put("none", GenerationListeners.none());
        sets.put("tracing", GenerationListeners.of(listeners.get(0)));
        sets.put("metrics", GenerationListeners.of(listeners.get(1)));
        sets.put("tracing+metrics", GenerationListeners.of(listeners));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        sets.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        for (int r = -3; r < rounds; r++) {
            for (Map.Entry<String, GenerationListeners> e : sets.entrySet()) {
                long allocated = allocatedBytes();
                long start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    GenerationObservation obs = e.getValue().start(LISTENED, "openai", "gpt-4o-mini", false,
                            MESSAGES, Map::of);
                    obs.succeeded(replies);
                }
                double[] m = {(double) (System.nanoTime() - start) / requests,
                    (double) (allocatedBytes() - allocated) / requests};
                if (r >= 0) {
                    results.get(e.getKey()).add(m);
                }
            }
        }
        System.out.printf("%nlisteners alone, per request (no I/O: the events of one successful attempt)%n");
        System.out.printf("%-18s %10s %12s%n", "listeners", "ns/request", "bytes/request");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] m = medians(e.getValue());
            System.out.printf("%-18s %10.0f %12.0f%n", e.getKey(), m[0], m[1]);
        }
    }

    /** Stands for the generator in {@link #listenerCost}. */
    private static final Object LISTENED = new Object();

    /** {wall ns per call, bytes allocated per call}. */
    private static double[] measure(Variant v, int calls, boolean stream) {
        long checksum = 0;
        long allocated = allocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            checksum += v.call(stream);
        }
        long elapsed = System.nanoTime() - start;
        allocated = allocatedBytes() - allocated;
        if (checksum == 0) {
            throw new IllegalStateException(v.name() + ": empty replies");
        }
        return new double[] {(double) elapsed / calls, (double) allocated / calls};
    }

    private static long allocatedBytes() {
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (a > 0) {
                sum += a;
            }
        }
        return sum;
    }

    private static double[] medians(List<double[]> rows) {
        double[] out = new double[2];
        for (int c = 0; c < 2; c++) {
            List<Double> col = new ArrayList<>();
            for (double[] r : rows) {
                col.add(r[c]);
            }
            Collections.sort(col);
            int n = col.size();
            out[c] = n % 2 == 1 ? col.get(n / 2) : (col.get(n / 2 - 1) + col.get(n / 2)) / 2;
        }
        return out;
    }
}
