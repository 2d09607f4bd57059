package dev.hayloft.examples.observability;

import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.observability.GenAiMetrics;
import dev.hayloft.observability.GenAiTracing;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Tracing and metrics of a pipeline run, printed to the console: OpenTelemetry GenAI spans
 * (the application's span, the pipeline run, each component, each generator attempt) through
 * a small console exporter, then the Micrometer meters. Calls OpenAI when
 * {@code OPENAI_API_KEY} is set, else a scripted stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.observability.TracingExample
 * }</pre>
 */
public final class TracingExample {
    private TracingExample() {
    }

    /** Prints each finished span: name, ids, parent, attributes. */
    static final class ConsoleSpanExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData s : spans) {
                System.out.printf("span %-26s id=%s parent=%s %.1f ms%n  %s%n", s.getName(), s.getSpanId(),
                        s.getParentSpanId(), (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6, s.getAttributes());
            }
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

    public static void main(String[] args) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                     .setTracerProvider(SdkTracerProvider.builder()
                             .addSpanProcessor(SimpleSpanProcessor.create(new ConsoleSpanExporter())).build())
                     .build();
             Backend openai = Backend.openAI()) {
            GenAiTracing tracing = GenAiTracing.create(otel);           // one line each
            GenAiMetrics metrics = GenAiMetrics.create(registry);
            try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(openai.baseUrl())
                    .apiKey(openai.apiKey()).listener(tracing).listener(metrics).build()) {
                Pipeline pipeline = new Pipeline(Map.of("name", "qa"), 100, true);
                pipeline.addComponent("prompt", ChatPromptBuilder.builder(List.of(
                        ChatMessage.fromUser("{{ question }}"))).requiredVariables(List.of("question")).build());
                pipeline.addComponent("llm", llm);
                pipeline.connect("prompt.prompt", "llm.messages");
                pipeline.addListener(tracing);

                Span request = otel.getTracer("example-app").spanBuilder("handle question").startSpan();
                try (Scope scope = request.makeCurrent()) {
                    Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt",
                            Map.of("question", "What is the capital of France?")));
                    ChatMessage reply = (ChatMessage) ((List<?>) out.get("llm").get("replies")).get(0);
                    System.out.println("reply: " + reply.text());
                } finally {
                    request.end();
                }
            }
            for (Meter m : registry.getMeters()) {
                if (!m.getId().getName().endsWith(".histogram")) { // the per-bucket gauges of a SimpleMeterRegistry
                    System.out.println("meter " + m.getId().getName() + " " + m.getId().getTags() + " "
                            + m.measure());
                }
            }
        } finally {
            registry.close();
        }
    }
}
