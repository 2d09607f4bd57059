package dev.hayloft.observability;

import static dev.hayloft.observability.Otel.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.serde.Json;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content is recorded only on opt-in; failing listeners or tracers never break a generation. */
class TracingContentAndFailuresTest {
    private LoopbackOpenAI server;
    private Otel otel;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAI();
        otel = new Otel();
    }

    @AfterEach
    void stop() {
        server.close();
        otel.close();
    }

    private OpenAIChatGenerator.Builder openai() {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "test")).apiBaseUrl(server.baseUrl())
                .maxRetries(0);
    }

    private static List<ChatMessage> question() {
        return List.of(ChatMessage.fromSystem("Be brief."), ChatMessage.fromUser("Secret plan?"));
    }

    @Test
    void contentIsOffByDefault() {
        GenAiTracing tracing = GenAiTracing.create(otel.sdk);
        assertFalse(tracing.capturesContent());
        try (OpenAIChatGenerator llm = openai().listener(tracing).build()) {
            assertEquals("Hello", llm.run(question()).replies().get(0).text());
        }
        SpanData chat = otel.one("chat gpt-4o-mini");
        assertNull(str(chat, GenAiConventions.INPUT_MESSAGES));
        assertNull(str(chat, GenAiConventions.OUTPUT_MESSAGES));
        String all = chat.getAttributes() + " " + chat.getEvents();
        assertFalse(all.contains("Secret plan") || all.contains("Be brief") || all.contains("Hello"), all);
    }

    @Test
    void optedInContentIsRecordedAsTheConventionsMessagesJson() {
        GenAiTracing tracing = GenAiTracing.builder(otel.sdk).captureContent(true).build();
        try (OpenAIChatGenerator llm = openai().listener(tracing).build()) {
            llm.run(question());
        }
        SpanData chat = otel.one("chat gpt-4o-mini");
        assertEquals(List.of(
                Map.of("role", "system", "parts", List.of(Map.of("type", "text", "content", "Be brief."))),
                Map.of("role", "user", "parts", List.of(Map.of("type", "text", "content", "Secret plan?")))),
                Json.parse(str(chat, GenAiConventions.INPUT_MESSAGES)));
        assertEquals(List.of(Map.of("role", "assistant", "finish_reason", "stop",
                "parts", List.of(Map.of("type", "text", "content", "Hello")))),
                Json.parse(str(chat, GenAiConventions.OUTPUT_MESSAGES)));
        assertFalse((chat.getAttributes() + "").contains("sk-" + "test"), "never the key");
    }

    @Test
    void aThrowingListenerBesideTheTracingBreaksNeitherTheGenerationNorTheSpans() {
        GenAiTracing tracing = GenAiTracing.create(otel.sdk);
        GenerationListener broken = new GenerationListener() {
            @Override
            public void onRequest(RequestEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onResponse(ResponseEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (OpenAIChatGenerator llm = openai().listener(broken).listener(tracing).build()) {
            assertEquals("Hello", llm.run(question()).replies().get(0).text());
            assertEquals("Hello", llm.run(question()).replies().get(0).text());
        }
        assertEquals(2, otel.named("chat gpt-4o-mini").size());
        assertEquals(0, tracing.openSpans());
    }

    @Test
    void aTracerThatThrowsIsIgnored() {
        SpanProcessor exploding = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                throw new IllegalStateException("exporter bug");
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }
        };
        try (OpenTelemetrySdk broken = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(exploding).build()).build()) {
            GenAiTracing tracing = GenAiTracing.create(broken);
            try (OpenAIChatGenerator llm = openai().listener(tracing).build()) {
                assertEquals("Hello", llm.run(question()).replies().get(0).text());
                server.fail(400);
                assertTrue(llm.runAsync(question()).handle((r, e) -> e != null).join());
            }
            assertEquals(0, tracing.openSpans());
        }
    }
}
