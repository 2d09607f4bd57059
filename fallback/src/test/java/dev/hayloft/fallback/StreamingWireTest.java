package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.ConnectionException;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.listener.ChunkEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.testing.RecordingListener;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a streaming callback sees when the streaming primary fails: commit point, reset chunk, cancellation. */
class StreamingWireTest {
    private LoopbackLlm primary;
    private LoopbackLlm backup;
    private final List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        primary = new LoopbackLlm(r -> Reply.text("from primary"));
        backup = new LoopbackLlm(r -> Reply.text("Hi there"));
    }

    @AfterEach
    void stop() {
        primary.close();
        backup.close();
    }

    private FallbackChatGenerator.Builder fallback() {
        return FallbackChatGenerator.builder()
                .chatGenerators(List.of(Llms.openai(primary).build(), Llms.azure(backup).build()));
    }

    private static String text(List<StreamingChunk> chunks) {
        StringBuilder sb = new StringBuilder();
        chunks.forEach(c -> sb.append(c.content()));
        return sb.toString();
    }

    private List<StreamingChunk> resets() {
        return chunks.stream().filter(FallbackChatGenerator::isReset).toList();
    }

    private List<StreamingChunk> afterLastReset() {
        int last = -1;
        for (int i = 0; i < chunks.size(); i++) {
            if (FallbackChatGenerator.isReset(chunks.get(i))) {
                last = i;
            }
        }
        return chunks.subList(last + 1, chunks.size());
    }

    @Test
    void aFailureMidStreamGivesExactlyOneResetChunkBeforeTheBackupsChunks() {
        primary.script(r -> Reply.streamThenError("Hel", "lo"));
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, chunks::add);
            assertEquals("Hi there", r.text());
            assertEquals(1, resets().size(), "exactly one reset: " + chunks);
            int reset = chunks.indexOf(resets().get(0));
            assertEquals("Hello", text(chunks.subList(0, reset)), "what the UI showed before the failure");
            assertEquals("Hi there", text(afterLastReset()), "after the reset, only the backup's text");
            StreamingChunk resetChunk = resets().get(0);
            assertEquals("", resetChunk.content());
            assertEquals(Map.of("failed_chat_generator_index", 0, "failed_chat_generator_class", "OpenAIChatGenerator",
                    "chat_generator_index", 1, "chat_generator_class", "AzureOpenAIChatGenerator"),
                    resetChunk.meta().get(FallbackChatGenerator.RESET_META_KEY));
            assertEquals("dev.hayloft.azure.AzureOpenAIChatGenerator", resetChunk.componentInfo().type(),
                    "the next generator's component_info");
            assertTrue(r.attempts().get(0).streamed());
            assertTrue(r.attempts().get(1).streamed());
        }
    }

    @Test
    void aConnectionCutMidStreamIsHandledTheSameWay() {
        primary.script(r -> Reply.streamThenCut("Hel", "lo"));
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, chunks::add);
            assertEquals("Hi there", r.text());
            assertEquals(1, resets().size());
            assertEquals("Hi there", text(afterLastReset()));
            assertEquals("ConnectionException", r.attempts().get(0).errorType());
        }
    }

    @Test
    void aFailureBeforeTheFirstContentChunkNeverShows() {
        primary.script(r -> Reply.streamThenError()); // a role chunk, then the error
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, chunks::add);
            assertEquals("Hi there", r.text());
            assertTrue(resets().isEmpty());
            assertTrue(chunks.stream().allMatch(c -> c.componentInfo().type().endsWith("AzureOpenAIChatGenerator")),
                    "not even the primary's role chunk reached the callback");
            assertFalse(r.attempts().get(0).streamed());
        }
    }

    @Test
    void aLaterCommitPointHidesFailuresAfterSomeText() {
        primary.script(r -> Reply.streamThenError("Hel", "lo"));
        try (FallbackChatGenerator llm = fallback().streaming(StreamingPolicy.holdUntil(100, null)).build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, chunks::add);
            assertEquals("Hi there", r.text());
            assertTrue(resets().isEmpty(), "the 5 characters were held back, so nothing needs resetting");
            assertEquals("Hi there", text(chunks));
        }
    }

    @Test
    void noFailoverOnceStreamingStartedWhenSoConfigured() {
        primary.script(r -> Reply.streamThenError("Hel", "lo"));
        try (FallbackChatGenerator llm = fallback()
                .streaming(StreamingPolicy.defaults().withFailoverAfterCommit(false)).build()) {
            FallbackException e = assertThrows(FallbackException.class,
                    () -> llm.runWithMeta(ask("Hi"), null, null, chunks::add));
            assertEquals(FallbackException.Reason.STREAM_STARTED, e.reason());
            assertTrue(e.isRetryable(), "a server error: the same request may succeed later");
        }
        assertEquals(0, backup.requestCount());
        assertTrue(resets().isEmpty());
        assertEquals("Hello", text(chunks));
    }

    @Test
    void aThrowingCallbackEndsTheRequestWithoutFailover() {
        IllegalStateException bug = new IllegalStateException("UI closed");
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackException e = assertThrows(FallbackException.class, () -> llm.runWithMeta(ask("Hi"), null, null,
                    c -> {
                        if (!c.content().isEmpty()) {
                            throw bug;
                        }
                    }));
            assertEquals(FallbackException.Reason.STREAMING_CALLBACK_FAILED, e.reason());
            assertSame(bug, e.getCause());
            assertFalse(e.isRetryable());
        }
        assertEquals(0, backup.requestCount(), "the callback's bug is not the provider's failure");
    }

    @Test
    void cancellingRunAsyncStopsTheAttemptInFlight() throws Exception {
        primary.script(r -> Reply.stall());
        try (FallbackChatGenerator llm = fallback().build()) {
            CompletableFuture<ChatGeneratorResult> f = llm.runAsync(ask("Hi"), null, null, chunks::add);
            assertTrue(primary.stalled.await(30, TimeUnit.SECONDS));
            assertTrue(f.cancel(true));
            assertTrue(primary.clientGone.await(30, TimeUnit.SECONDS), "the primary's connection stays open");
            assertThrows(CancellationException.class, () -> f.get(1, TimeUnit.SECONDS));
        }
        assertEquals(0, backup.requestCount(), "no attempt after a cancel");
        assertTrue(chunks.isEmpty(), "the role chunk was held back, and nothing comes after the cancel");
    }

    @Test
    void cancellingTheSyncRunByInterruptStopsTheAttemptInFlight() throws Exception {
        primary.script(r -> Reply.stall());
        List<Throwable> thrown = new ArrayList<>();
        try (FallbackChatGenerator llm = fallback().build()) {
            Thread caller = new Thread(() -> {
                try {
                    llm.runWithMeta(ask("Hi"), null, null, chunks::add);
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            });
            caller.start();
            assertTrue(primary.stalled.await(30, TimeUnit.SECONDS));
            caller.interrupt();
            caller.join(30_000);
            assertFalse(caller.isAlive());
            assertTrue(primary.clientGone.await(30, TimeUnit.SECONDS));
        }
        assertInstanceOf(CancellationException.class, thrown.get(0));
        assertEquals(0, backup.requestCount());
    }

    @Test
    void listenersSeeOneRequestWithARetryPerFurtherGeneratorAndTheResetChunk() {
        primary.script(r -> Reply.streamThenCut("Hel", "lo"));
        RecordingListener events = new RecordingListener();
        try (FallbackChatGenerator llm = fallback().listener(events).build()) {
            llm.runWithMeta(ask("Hi"), null, null, chunks::add);
        }
        List<String> kinds = events.kinds();
        assertEquals("request", kinds.get(0));
        assertEquals("response", kinds.get(kinds.size() - 1));
        assertEquals(1, events.of(RetryEvent.class).size());
        RetryEvent retry = events.one(RetryEvent.class);
        assertEquals(2, retry.attempt());
        assertEquals(Duration.ZERO, retry.delay());
        assertInstanceOf(ConnectionException.class, retry.previousError());
        assertEquals("fallback", retry.context().provider());
        assertEquals(chunks.size(), events.of(ChunkEvent.class).size(), "one chunk event per delivered chunk");
        assertEquals(1, events.of(ChunkEvent.class).stream().filter(c -> FallbackChatGenerator.isReset(c.chunk()))
                .count());
    }
}
