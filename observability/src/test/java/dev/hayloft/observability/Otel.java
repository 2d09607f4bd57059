package dev.hayloft.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A real OpenTelemetry SDK exporting to memory, and span-tree helpers. */
final class Otel implements AutoCloseable {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();

    Tracer appTracer() {
        return sdk.getTracer("app");
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    /** The finished span named {@code name}; exactly one. */
    SpanData one(String name) {
        List<SpanData> found = named(name);
        assertEquals(1, found.size(), () -> "spans named " + name + " in " + names());
        return found.get(0);
    }

    List<SpanData> named(String name) {
        return spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    }

    /** The children of {@code parent}, by start time. */
    List<SpanData> children(SpanData parent) {
        List<SpanData> out = new ArrayList<>();
        for (SpanData s : spans()) {
            if (s.getParentSpanId().equals(parent.getSpanId()) && s.getTraceId().equals(parent.getTraceId())) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()));
        return out;
    }

    List<String> names() {
        return spans().stream().map(SpanData::getName).collect(Collectors.toList());
    }

    static String str(SpanData s, String key) {
        return s.getAttributes().get(AttributeKey.stringKey(key));
    }

    static Long num(SpanData s, String key) {
        return s.getAttributes().get(AttributeKey.longKey(key));
    }

    @Override
    public void close() {
        sdk.close();
    }
}
