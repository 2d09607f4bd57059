package dev.hayloft.observability;

import static dev.hayloft.observability.Otel.num;
import static dev.hayloft.observability.Otel.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.fallback.FallbackChatGenerator;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The span tree of a pipeline whose fallback generator retries its first delegate, then fails over. */
class TracingPipelineTest {
    private static final String QUESTION = "What is the capital of Frobnia?";
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

    private OpenAIChatGenerator openai(String model, GenAiTracing tracing) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "test")).apiBaseUrl(server.baseUrl())
                .model(model).maxRetries(1).generationKwargs(Map.of("temperature", 0.2, "max_tokens", 50))
                .listener(tracing).build();
    }

    private Pipeline pipeline(FallbackChatGenerator llm) {
        Pipeline p = new Pipeline(Map.of("name", "qa"), 100, true);
        p.addComponent("prompt", ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("{{ question }}")))
                .requiredVariables(List.of("question")).build());
        p.addComponent("llm", llm);
        p.connect("prompt.prompt", "llm.messages");
        return p;
    }

    @Test
    void aPipelineRunWithARetryAndAFailoverIsOneTreeUnderTheApplicationsSpan() {
        GenAiTracing tracing = GenAiTracing.create(otel.sdk);
        server.fail(503).fail(503); // the primary's two attempts fail; the backup answers
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder()
                .chatGenerators(List.of(openai("gpt-4o-mini", tracing), openai("gpt-4o", tracing))).build()) {
            Pipeline p = tracing.instrument(pipeline(llm));
            Span app = otel.appTracer().spanBuilder("handle request").startSpan();
            Map<String, Map<String, Object>> out;
            try (Scope s = app.makeCurrent()) {
                out = p.run(Map.of("prompt", Map.of("question", QUESTION)));
            } finally {
                app.end();
            }
            assertEquals("Hello", ((List<?>) out.get("llm").get("replies")).isEmpty() ? null
                    : ((ChatMessage) ((List<?>) out.get("llm").get("replies")).get(0)).text());
        }
        assertEquals(0, tracing.openSpans());

        SpanData app = otel.one("handle request");
        SpanData run = otel.one("invoke_workflow qa");
        assertEquals(app.getSpanId(), run.getParentSpanId());
        assertEquals("invoke_workflow", str(run, "gen_ai.operation.name"));
        assertEquals("qa", str(run, "gen_ai.workflow.name"));

        List<SpanData> components = otel.children(run);
        assertEquals(List.of("prompt", "llm"), components.stream().map(SpanData::getName).toList());
        SpanData llm = components.get(1);
        assertEquals(FallbackChatGenerator.class.getName(), str(llm, "hayloft.component.type"));
        assertEquals(1L, num(llm, "hayloft.component.visit"));
        assertTrue(otel.children(components.get(0)).isEmpty());

        // the fallback's two attempts, one per delegate, named after each delegate's model (ChatGenerator.model():
        // readable also from delegates holding a token secret, whose toDict refuses)
        List<SpanData> attempts = otel.children(llm);
        assertEquals(List.of("chat gpt-4o-mini", "chat gpt-4o"), attempts.stream().map(SpanData::getName).toList());
        SpanData failedOver = attempts.get(0);
        SpanData answered = attempts.get(1);
        assertEquals(SpanKind.INTERNAL, failedOver.getKind());
        assertEquals("hayloft.fallback", str(failedOver, "gen_ai.provider.name"));
        assertEquals(1L, num(failedOver, "hayloft.attempt"));
        assertEquals(2L, num(answered, "hayloft.attempt"));
        assertEquals(StatusCode.ERROR, failedOver.getStatus().getStatusCode());
        assertEquals(ServerErrorException.class.getName(), str(failedOver, "error.type"));
        assertEquals(StatusCode.UNSET, answered.getStatus().getStatusCode());
        assertEquals("gpt-4o-2024", str(answered, "gen_ai.response.model"));
        assertEquals(str(failedOver, "hayloft.request.id"), str(answered, "hayloft.request.id"));

        // under the first: the primary's attempt and its retry, both failed
        List<SpanData> primary = otel.children(failedOver);
        assertEquals(List.of("chat gpt-4o-mini", "chat gpt-4o-mini"), primary.stream().map(SpanData::getName)
                .toList());
        for (int i = 0; i < 2; i++) {
            SpanData s = primary.get(i);
            assertEquals(SpanKind.CLIENT, s.getKind());
            assertEquals(i + 1L, num(s, "hayloft.attempt"));
            assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
            assertEquals(ServerErrorException.class.getName(), str(s, "error.type"));
            assertEquals("openai", str(s, "gen_ai.provider.name"));
            assertEquals("openai", str(s, "gen_ai.system"));
            assertFalse(s.getEvents().isEmpty(), "the exception is recorded");
        }
        assertTrue(primary.get(0).getEndEpochNanos() <= primary.get(1).getStartEpochNanos());

        // under the second: the backup's one successful attempt, with the conventions' attributes
        List<SpanData> backup = otel.children(answered);
        assertEquals(1, backup.size());
        SpanData chat = backup.get(0);
        assertEquals("chat gpt-4o", chat.getName());
        assertEquals(SpanKind.CLIENT, chat.getKind());
        assertEquals("chat", str(chat, "gen_ai.operation.name"));
        assertEquals("openai", str(chat, "gen_ai.provider.name"));
        assertEquals("gpt-4o", str(chat, "gen_ai.request.model"));
        assertEquals("gpt-4o-2024", str(chat, "gen_ai.response.model"));
        assertEquals(0.2, chat.getAttributes().get(AttributeKey.doubleKey("gen_ai.request.temperature")));
        assertEquals(50L, num(chat, "gen_ai.request.max_tokens"));
        assertEquals("127.0.0.1", str(chat, "server.address"));
        assertEquals((long) server.port(), num(chat, "server.port"));
        assertNull(str(answered, "server.address"), "a fallback has no endpoint of its own");
        assertEquals(24L, num(chat, "gen_ai.usage.input_tokens"));
        assertEquals(8L, num(chat, "gen_ai.usage.output_tokens"));
        assertEquals(List.of("stop"), chat.getAttributes().get(AttributeKey.stringArrayKey(
                "gen_ai.response.finish_reasons")));
        assertNull(str(chat, "error.type"));
        assertEquals(1L, num(chat, "hayloft.attempt"));

        // everything is one trace, and no prompt or reply text is recorded by default
        assertTrue(otel.spans().stream().allMatch(s -> s.getTraceId().equals(app.getTraceId())));
        assertEquals(9, otel.spans().size(), otel.names().toString());
        for (SpanData s : otel.spans()) {
            String all = s.getAttributes().toString() + s.getEvents();
            assertFalse(all.contains("Frobnia"), s.getName() + " records the prompt: " + all);
            assertFalse(all.contains("Hello"), s.getName() + " records the reply: " + all);
            assertNull(str(s, "gen_ai.input.messages"));
            assertFalse(all.contains("sk-" + "test"), "no key");
        }
    }

    @Test
    void aFailingComponentMarksItsSpanAndTheRunsSpan() {
        GenAiTracing tracing = GenAiTracing.create(otel.sdk);
        for (int i = 0; i < 4; i++) {
            server.fail(500);
        }
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder()
                .chatGenerators(List.of(openai("gpt-4o-mini", tracing), openai("gpt-4o", tracing))).build()) {
            Pipeline p = tracing.instrument(pipeline(llm));
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> p.run(Map.of("prompt", Map.of("question", QUESTION))));
        }
        assertEquals(0, tracing.openSpans());
        SpanData run = otel.one("invoke_workflow qa");
        assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
        assertEquals("dev.hayloft.core.errors.PipelineException", str(run, "error.type"));
        SpanData llm = otel.one("llm");
        assertEquals(StatusCode.ERROR, llm.getStatus().getStatusCode());
        assertEquals("dev.hayloft.fallback.FallbackException", str(llm, "error.type"));
        // the run, 2 components, 2 fallback attempts, 2 x 2 OpenAI attempts
        assertEquals(9, otel.spans().size(), otel.names().toString());
    }

    @Test
    void delegatesTracedWithoutTheFallbackStayUnderTheCallersSpanAfterAFailover() throws Exception {
        GenAiTracing tracing = GenAiTracing.create(otel.sdk);
        server.fail(503).fail(503);
        Span app = otel.appTracer().spanBuilder("app").startSpan();
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder()
                .chatGenerators(List.of(openai("gpt-4o-mini", tracing), openai("gpt-4o", tracing))).build()) {
            java.util.concurrent.CompletableFuture<?> f;
            try (Scope s = app.makeCurrent()) {
                f = llm.runAsync(List.of(ChatMessage.fromUser(QUESTION)));
            }
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            app.end();
        }
        SpanData root = otel.one("app");
        // the backup starts on the thread that saw the primary fail, yet nests under the caller's span
        assertEquals(List.of("chat gpt-4o-mini", "chat gpt-4o-mini", "chat gpt-4o"),
                otel.children(root).stream().map(SpanData::getName).toList());
        assertEquals(4, otel.spans().size(), otel.names().toString());
    }
}
