package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.listener.ChunkEvent;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener events real runs emit against the loopback OpenAI server. */
class OpenAIListenersWireTest {
    private static final String KEY = "sk-listen-abcdefghijklmnop1234";
    private static OpenAIMock server;
    private final RecordingListener events = new RecordingListener();

    @BeforeAll
    static void start() {
        server = new OpenAIMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private OpenAIChatGenerator.Builder chat() {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(2)
                .listener(events);
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("Hi"));
    }

    private static String rateLimited() {
        return "{\"error\": {\"message\": \"Rate limit reached.\", \"type\": \"requests\", \"param\": null, "
                + "\"code\": \"rate_limit_exceeded\"}}";
    }

    @Test
    void aStreamedRunEmitsRequestFirstTokenChunksResponse() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("Hel", "lo"))));
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        try (OpenAIChatGenerator llm = chat().generationKwargs(Map.of("temperature", 0.1)).build()) {
            assertEquals("Hello", llm.run(hi(), null, null, seen::add).text());
        }

        // OpenAI's first chunk only carries the role: the first token is the second chunk
        assertEquals(List.of("request", "chunks", "first_token", "chunks", "response"), events.kinds());
        GenerationContext ctx = events.one(RequestEvent.class).context();
        assertEquals("OpenAIChatGenerator", ctx.componentName());
        assertEquals("openai", ctx.provider());
        assertEquals("gpt-4o-mini", ctx.model());
        assertTrue(ctx.streaming());
        assertEquals(0.1, events.one(RequestEvent.class).generationKwargs().get("temperature"));
        assertEquals("Hel", events.one(FirstTokenEvent.class).chunk().content());
        List<ChunkEvent> chunks = events.of(ChunkEvent.class);
        assertEquals(seen.size(), chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertSame(seen.get(i), chunks.get(i).chunk());
        }
        ResponseEvent response = events.one(ResponseEvent.class);
        assertSame(ctx, response.context());
        assertEquals(1, response.attempt());
        assertEquals(new TokenUsage(13, 2), response.usage());
        assertEquals(List.of("stop"), response.finishReasons());
        assertEquals(OpenAIResponses.MODEL, response.responseModel());
        assertEquals("req_stream", response.providerRequestId());
        assertEquals(events.one(FirstTokenEvent.class).timeToFirstToken(), response.timeToFirstToken());
        assertEquals(seen.size(), response.chunks());
    }

    @Test
    void aNonStreamedRunEmitsRequestResponse() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Hello")));
        try (OpenAIChatGenerator llm = chat().build()) {
            llm.run(hi());
        }
        assertEquals(List.of("request", "response"), events.kinds());
        ResponseEvent response = events.one(ResponseEvent.class);
        assertEquals(new TokenUsage(24, 8), response.usage());
        assertEquals("req_ok", response.providerRequestId());
        assertNull(response.timeToFirstToken());
        assertEquals("Hello", response.replies().get(0).text());
    }

    @Test
    void aClientErrorEmitsRequestThenErrorWithStatus() {
        server.always(OpenAIMock.error(400, "{\"error\": {\"message\": \"Invalid value for 'temperature'.\", "
                + "\"type\": \"invalid_request_error\", \"param\": null, \"code\": \"invalid_value\"}}"));
        try (OpenAIChatGenerator llm = chat().build()) {
            InvalidRequestException thrown = assertThrows(InvalidRequestException.class, () -> llm.run(hi()));
            assertEquals(List.of("request", "error"), events.kinds());
            ErrorEvent error = events.one(ErrorEvent.class);
            assertSame(thrown, error.error());
            assertEquals(OptionalInt.of(400), error.statusCode());
            assertFalse(error.retryable());
            assertEquals(1, error.attempt());
        }
    }

    @Test
    void aRateLimitThenSuccessEmitsARetryWithAttemptNumbers() {
        server.enqueue(OpenAIMock.error(429, rateLimited()).withHeader("retry-after-ms", "20"));
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("finally")));
        try (OpenAIChatGenerator llm = chat().build()) {
            assertEquals("finally", llm.run(hi()).text());
        }
        assertEquals(List.of("request", "retry", "response"), events.kinds());
        RetryEvent retry = events.one(RetryEvent.class);
        assertEquals(2, retry.attempt());
        assertInstanceOf(RateLimitException.class, retry.previousError());
        assertEquals(OptionalInt.of(429), retry.previousError().statusCode());
        assertTrue(retry.previousError().isRetryable());
        assertEquals(Duration.ofMillis(20), retry.previousError().retryAfter().orElseThrow());
        assertEquals("req_429", retry.previousError().requestId().orElseThrow());
        assertTrue(retry.previousError().getMessage().contains("Rate limit reached."));
        assertEquals(Duration.ofMillis(20), retry.delay());
        assertEquals(2, events.one(ResponseEvent.class).attempt());
        assertEquals("req_ok", events.one(ResponseEvent.class).providerRequestId());
    }

    @Test
    void retriesUntilGivingUpEndInAnErrorOnTheLastAttempt() {
        server.always(OpenAIMock.error(500, "{\"error\": {\"message\": \"boom " + KEY + "\", \"type\": "
                + "\"server_error\"}}").withHeader("retry-after-ms", "5"));
        try (OpenAIChatGenerator llm = chat().build()) {
            assertThrows(ServerErrorException.class, () -> llm.run(hi()));
        }
        assertEquals(List.of("request", "retry", "retry", "error"), events.kinds());
        assertEquals(List.of(2, 3), events.of(RetryEvent.class).stream().map(RetryEvent::attempt).toList());
        ErrorEvent error = events.one(ErrorEvent.class);
        assertEquals(3, error.attempt());
        assertTrue(error.retryable());
        for (Object e : events.events()) {
            assertFalse(e.toString().contains(KEY), "the API key leaked into " + e);
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheGeneration() {
        GenerationListener broken = new GenerationListener() {
            @Override
            public void onRequest(RequestEvent event) {
                throw new IllegalStateException("bug in a listener");
            }

            @Override
            public void onChunk(ChunkEvent event) {
                throw new IllegalStateException("bug in a listener");
            }

            @Override
            public void onResponse(ResponseEvent event) {
                throw new IllegalStateException("bug in a listener");
            }
        };
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("Hel", "lo"))));
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        try (OpenAIChatGenerator llm = chat().listeners(List.of(broken, events)).build()) {
            assertEquals("Hello", llm.run(hi(), null, null, seen::add).text());
        }
        assertEquals(5, seen.size());
        assertEquals(List.of("request", "chunks", "first_token", "chunks", "response"), events.kinds());
    }

    @Test
    void asyncRunsReportBeforeTheFutureCompletes() {
        server.enqueue(OpenAIMock.error(429, rateLimited()).withHeader("retry-after-ms", "5"));
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("a", "b"))));
        try (OpenAIChatGenerator llm = chat().build()) {
            ChatGeneratorResult r = llm.runAsync(hi(), null, null, chunk -> { }).join();
            assertEquals("ab", r.replies().get(0).text());
            assertEquals(List.of("request", "retry", "chunks", "first_token", "chunks", "response"),
                    events.kinds());
            assertTrue(events.threads().get(events.threads().size() - 1).startsWith("hayloft-openai-"));
        }
    }

    @Test
    void anAsyncFailureAndACancellationAreReportedAsErrors() throws Exception {
        server.always(OpenAIMock.error(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}"));
        try (OpenAIChatGenerator llm = chat().build()) {
            CompletionException e = assertThrows(CompletionException.class, () -> llm.runAsync(hi()).join());
            assertSame(e.getCause(), events.one(ErrorEvent.class).error());
            assertEquals(OptionalInt.of(401), events.one(ErrorEvent.class).statusCode());
            assertFalse(events.one(ErrorEvent.class).error().getMessage().contains(KEY));
        }
        events.clear();
        try (RawHttpServer raw = new RawHttpServer(ex -> ex.raw("HTTP/1.1 429 Too Many Requests\r\n"
                + "Content-Type: application/json\r\nRetry-After: 5\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
                OpenAIChatGenerator llm = chat().apiBaseUrl(raw.baseUrl()).build()) {
            CompletableFuture<ChatGeneratorResult> future = llm.runAsync(hi());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (raw.bodies.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            future.cancel(true);
            assertEquals(List.of("request", "error"), events.kinds());
            assertTrue(events.one(ErrorEvent.class).cancelled());
            assertThrows(CancellationException.class, future::join);
        }
    }

    @Test
    void theTextGeneratorReportsItsPromptAndPipelineName() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Paris")));
        try (OpenAIGenerator llm = OpenAIGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl()).systemPrompt("Be brief.").listener(events).build()) {
            new Pipeline().addComponent("llm", llm);
            assertEquals("Paris", llm.run("Capital of France?").replies().get(0));
            assertSame(events, llm.listeners().get(0));
            assertEquals(1, llm.toBuilder().build().listeners().size());
        }
        assertEquals(List.of("request", "response"), events.kinds());
        RequestEvent request = events.one(RequestEvent.class);
        assertEquals("llm", request.context().componentName());
        assertEquals(OpenAIGenerator.class.getName(), request.context().componentType());
        assertEquals(List.of("Be brief.", "Capital of France?"),
                request.messages().stream().map(ChatMessage::text).toList());
        assertEquals(new TokenUsage(24, 8), events.one(ResponseEvent.class).usage());
    }

    @Test
    void listenersAreNotSerialised() {
        OpenAIChatGenerator llm = chat().apiKey(Secret.fromEnvVar("OPENAI_API_KEY")).build();
        assertFalse(llm.toDict().toString().contains("listener"));
        assertEquals(llm.toDict(), llm.toBuilder().listeners(List.of()).build().toDict());
    }

    @Test
    void pipelineListenersAreAttachedToItsGenerators() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Blue")));
        try (OpenAIGenerator llm = OpenAIGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl()).build()) {
            Pipeline p = new Pipeline().addComponent("prompt", new PromptBuilder("Colour of the sky? {{ q }}"))
                    .addComponent("llm", llm);
            p.connect("prompt.prompt", "llm.prompt");
            assertEquals(List.of("llm"), Listenable.attach(p, List.of(events)));
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt", Map.of("q", "Now.")));
            assertEquals(List.of("Blue"), out.get("llm").get("replies"));
        }
        assertEquals(List.of("request", "response"), events.kinds());
        assertEquals("llm", events.one(RequestEvent.class).context().componentName());
        assertEquals("Colour of the sky? Now.", events.one(RequestEvent.class).messages().get(0).text());
    }

    @Test
    void aCutConnectionThenSuccessEmitsARetryWithoutStatus() throws Exception {
        String body = OpenAIResponses.completion("again");
        AtomicInteger requests = new AtomicInteger();
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            if (requests.incrementAndGet() == 1) {
                ex.cut();
            } else {
                ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_raw\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n\r\n" + body);
            }
        }); OpenAIChatGenerator llm = chat().apiBaseUrl(raw.baseUrl()).build()) {
            assertEquals("again", llm.run(hi()).text());
        }
        assertEquals(List.of("request", "retry", "response"), events.kinds());
        RetryEvent retry = events.one(RetryEvent.class);
        assertInstanceOf(ServerErrorException.class, retry.previousError());
        assertTrue(retry.previousError().statusCode().isEmpty());
        assertTrue(retry.previousError().isRetryable());
        assertEquals("req_raw", events.one(ResponseEvent.class).providerRequestId());
    }
}
