package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.listener.ChunkEvent;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener events local runs on the stories260K fixture emit. */
class LocalListenersTest {
    static final RecordingListener EVENTS = new RecordingListener();
    static final GenerationListener BROKEN = new GenerationListener() {
        @Override
        public void onFirstToken(FirstTokenEvent event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onChunk(ChunkEvent event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onResponse(ResponseEvent event) {
            throw new IllegalStateException("listener bug");
        }
    };
    static HuggingFaceLocalGenerator text;
    static HuggingFaceLocalChatGenerator chat;

    @BeforeAll
    static void load() {
        text = HuggingFaceLocalGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 8, "do_sample", false))
                .listeners(List.of(BROKEN, EVENTS)).build();
        chat = HuggingFaceLocalChatGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 8, "do_sample", false)).listener(EVENTS)
                .build();
        text.warmUp();
        chat.warmUp();
    }

    @AfterAll
    static void close() {
        text.close();
        chat.close();
    }

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void aStreamedRunEmitsRequestFirstTokenChunksResponseDespiteAThrowingListener() {
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        String reply = text.run("Once upon a time", seen::add, null).replies().get(0);
        assertEquals(", there was a little girl", reply);

        assertEquals(List.of("request", "first_token", "chunks", "response"), EVENTS.kinds());
        GenerationContext ctx = EVENTS.one(RequestEvent.class).context();
        assertEquals("HuggingFaceLocalGenerator", ctx.componentName());
        assertEquals("local", ctx.provider());
        assertEquals(StoriesModel.folder().toString(), ctx.model());
        assertTrue(ctx.streaming());
        assertEquals("Once upon a time", EVENTS.one(RequestEvent.class).messages().get(0).text());
        assertEquals(8, EVENTS.one(RequestEvent.class).generationKwargs().get("max_new_tokens"));
        assertEquals(seen.get(0).content(), EVENTS.one(FirstTokenEvent.class).chunk().content());
        List<ChunkEvent> chunks = EVENTS.of(ChunkEvent.class);
        assertEquals(seen.size(), chunks.size());
        assertEquals(FinishReason.LENGTH, chunks.get(chunks.size() - 1).chunk().finishReason());
        ResponseEvent response = EVENTS.one(ResponseEvent.class);
        assertEquals(8, response.usage().outputTokens());
        assertTrue(response.usage().inputTokens() > 0);
        assertEquals(List.of("length"), response.finishReasons());
        assertEquals(reply, response.replies().get(0).text());
        assertEquals(EVENTS.one(FirstTokenEvent.class).timeToFirstToken(), response.timeToFirstToken());
        assertEquals(seen.size(), response.chunks());
    }

    @Test
    void aRunInAPipelineIsNamedAfterItsComponent() {
        try (HuggingFaceLocalGenerator named = HuggingFaceLocalGenerator.builder()
                .model(StoriesModel.folder().toString()).generationKwargs(Map.of("max_new_tokens", 2))
                .listener(EVENTS).build()) {
            new Pipeline().addComponent("storyteller", named);
            named.run("Once upon a time");
            assertSame(EVENTS, named.listeners().get(0));
        }
        assertEquals(List.of("request", "response"), EVENTS.kinds());
        assertEquals("storyteller", EVENTS.one(RequestEvent.class).context().componentName());
        assertFalse(EVENTS.one(RequestEvent.class).context().streaming());
        assertNull(EVENTS.one(ResponseEvent.class).timeToFirstToken());
    }

    @Test
    void aTooLongPromptEmitsRequestThenError() {
        ContextLengthExceededException e = assertThrows(ContextLengthExceededException.class,
                () -> text.run("Once upon a time ".repeat(200)));
        assertEquals(List.of("request", "error"), EVENTS.kinds());
        ErrorEvent error = EVENTS.one(ErrorEvent.class);
        assertSame(e, error.error());
        assertFalse(error.retryable());
        assertTrue(error.statusCode().isEmpty());
        assertEquals(1, error.attempt());
    }

    @Test
    void chatRunsReportTheirMessagesAndUsageAsync() throws Exception {
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        ChatMessage reply = chat.runAsync(List.of(ChatMessage.fromUser("Once upon a time")), null, null, seen::add)
                .get(60, TimeUnit.SECONDS).replies().get(0);
        assertEquals(", there was a little girl", reply.text());
        assertEquals(List.of("request", "first_token", "chunks", "response"), EVENTS.kinds());
        assertTrue(EVENTS.threads().stream().allMatch(t -> t.startsWith("hf-local-chat")), EVENTS.threads()
                .toString());
        ResponseEvent response = EVENTS.one(ResponseEvent.class);
        assertEquals(new TokenUsage(5, 8), response.usage());
        assertEquals(List.of("length"), response.finishReasons());
        assertEquals(StoriesModel.folder().toString(), response.responseModel());

        EVENTS.clear();
        chat.run(List.of(ChatMessage.fromUser("Once upon a time")), Map.of("num_return_sequences", 2,
                "do_sample", true, "seed", 7), null, null);
        ResponseEvent two = EVENTS.one(ResponseEvent.class);
        assertEquals(new TokenUsage(5, 16), two.usage(), "the prompt once, both sequences' tokens");
        assertEquals(2, two.finishReasons().size());
    }

    @Test
    void aCancelledRunEndsWithACancelledError() throws Exception {
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<HuggingFaceLocalGenerator.Result> f = text.runAsync("Once upon a time", chunk -> {
            seen.add(chunk);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Map.of("max_new_tokens", 400));
        while (seen.size() < 3) {
            Thread.sleep(5);
        }
        f.cancel(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (EVENTS.of(ErrorEvent.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> kinds = EVENTS.kinds();
        assertEquals(List.of("request", "first_token", "chunks", "error"), kinds);
        assertTrue(EVENTS.one(ErrorEvent.class).cancelled());
        assertInstanceOf(java.util.concurrent.CancellationException.class, EVENTS.one(ErrorEvent.class).error());
    }
}
