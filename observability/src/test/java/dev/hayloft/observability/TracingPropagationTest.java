package dev.hayloft.observability;

import static dev.hayloft.observability.Otel.num;
import static dev.hayloft.observability.Otel.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchOptions;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import dev.hayloft.hf.local.HuggingFaceLocalGenerator;
import dev.hayloft.hf.local.LocalRuntime;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The application's span stays the parent across runAsync and a pipeline's concurrent branches. */
class TracingPropagationTest {
    private LoopbackOpenAI server;
    private Otel otel;
    private GenAiTracing tracing;
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAI();
        otel = new Otel();
        tracing = GenAiTracing.create(otel.sdk);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
        otel.close();
    }

    private OpenAIChatGenerator openai(String model) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "test")).apiBaseUrl(server.baseUrl())
                .model(model).maxRetries(1).listener(tracing).build();
    }

    @Test
    void aDocumentAnswerBatchKeepsTheCallersSpanForEveryQuestion() {
        Span app = otel.appTracer().spanBuilder("app").startSpan();
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(openai("gpt-4o-mini")).topK(1).build()) {
            List<Document> docs = List.of(Document.of("Hay is dried grass."));
            // one at a time: every question after the first starts on the thread where the previous one ended
            AnswerBatch batch;
            try (Scope s = app.makeCurrent()) {
                batch = answerer.runBatch(AnswerRequest.of(List.of("a?", "b?", "c?", "d?"), docs),
                        BatchOptions.builder().concurrency(1).progressBar(false).build());
            }
            assertEquals(4, batch.answers().size());
        } finally {
            app.end();
        }
        SpanData root = otel.one("app");
        List<SpanData> attempts = otel.children(root);
        assertEquals(4, attempts.size(), "each question's request is a child of the application's span");
        assertTrue(attempts.stream().allMatch(a -> a.getName().equals("chat gpt-4o-mini")));
    }

    @Test
    void openAiRunAsyncWithARetryNestsUnderTheCallersSpan() throws Exception {
        server.fail(503);
        Span app = otel.appTracer().spanBuilder("app").startSpan();
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        try (OpenAIChatGenerator llm = openai("gpt-4o-mini")) {
            CompletableFuture<?> f;
            try (Scope s = app.makeCurrent()) {
                f = llm.runAsync(List.of(ChatMessage.fromUser("Hi")), null, null, chunks::add);
            }
            f.get(10, TimeUnit.SECONDS);
        } finally {
            app.end();
        }
        assertEquals(0, tracing.openSpans());
        SpanData root = otel.one("app");
        List<SpanData> attempts = otel.children(root);
        assertEquals(List.of("chat gpt-4o-mini", "chat gpt-4o-mini"), attempts.stream().map(SpanData::getName)
                .toList());
        assertEquals(2L, num(attempts.get(1), "hayloft.attempt"));
        // the streamed attempt has its first token as an event and attribute
        SpanData streamed = attempts.get(1);
        List<EventData> first = streamed.getEvents().stream()
                .filter(e -> e.getName().equals(GenAiConventions.FIRST_TOKEN_EVENT)).toList();
        assertEquals(1, first.size());
        assertNotNull(streamed.getAttributes().get(io.opentelemetry.api.common.AttributeKey.doubleKey(
                "gen_ai.response.time_to_first_chunk")));
        assertTrue(first.get(0).getEpochNanos() >= streamed.getStartEpochNanos());
        assertEquals(List.of("stop"), streamed.getAttributes().get(
                io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")));
        assertEquals(2L, num(streamed, "gen_ai.usage.output_tokens"));
        assertFalse(chunks.isEmpty());
    }

    @Test
    void concurrentBranchesOfAnAsyncPipelineEachNestUnderTheirComponentUnderTheRun() throws Exception {
        try (OpenAIChatGenerator a = openai("model-a"); OpenAIChatGenerator b = openai("model-b")) {
            Pipeline p = new Pipeline();
            p.addComponent("a", a);
            p.addComponent("b", b);
            tracing.instrument(p);
            Span app = otel.appTracer().spanBuilder("app").startSpan();
            Map<String, Map<String, Object>> out;
            try (Scope s = app.makeCurrent()) {
                out = p.runAsync(Map.of("a", Map.of("messages", List.of(ChatMessage.fromUser("Hi a"))),
                        "b", Map.of("messages", List.of(ChatMessage.fromUser("Hi b")))), Set.of(), pool)
                        .get(10, TimeUnit.SECONDS);
            } finally {
                app.end();
            }
            assertEquals(Set.of("a", "b"), out.keySet());
        }
        assertEquals(0, tracing.openSpans());
        SpanData run = otel.one("invoke_workflow");
        assertEquals(otel.one("app").getSpanId(), run.getParentSpanId());
        for (String name : List.of("a", "b")) {
            SpanData component = otel.one(name);
            assertEquals(run.getSpanId(), component.getParentSpanId());
            List<SpanData> chats = otel.children(component);
            assertEquals(List.of("chat model-" + name), chats.stream().map(SpanData::getName).toList());
        }
    }

    @Test
    void localRunAsyncNestsUnderTheCallersSpan() throws Exception {
        String model = SharedFixtures.require("models/stories260K").toString();
        LocalRuntime.setIntraOpThreads(1);
        try (HuggingFaceLocalGenerator text = HuggingFaceLocalGenerator.builder().model(model)
                .generationKwargs(Map.of("max_new_tokens", 4, "do_sample", false)).listener(tracing).build();
                HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder().model(model)
                        .generationKwargs(Map.of("max_new_tokens", 4, "do_sample", false)).listener(tracing)
                        .build()) {
            Span app = otel.appTracer().spanBuilder("app").startSpan();
            try (Scope s = app.makeCurrent()) {
                CompletableFuture<?> t = text.runAsync("Once upon a time", null, null);
                CompletableFuture<?> c = chat.runAsync(List.of(ChatMessage.fromUser("Once upon a time")));
                CompletableFuture.allOf(t, c).get(60, TimeUnit.SECONDS);
            } finally {
                app.end();
            }
        }
        assertEquals(0, tracing.openSpans());
        SpanData root = otel.one("app");
        SpanData text = otel.one("text_completion " + model);
        SpanData chat = otel.one("chat " + model);
        for (SpanData s : List.of(text, chat)) {
            assertEquals(root.getSpanId(), s.getParentSpanId(), s.getName());
            assertEquals("hayloft.local", str(s, "gen_ai.provider.name"));
            assertEquals(4L, num(s, "gen_ai.request.max_tokens"));
            assertNotNull(num(s, "gen_ai.usage.input_tokens"));
            assertEquals(4L, num(s, "gen_ai.usage.output_tokens"));
        }
        assertEquals("text_completion", str(text, "gen_ai.operation.name"));
    }
}
