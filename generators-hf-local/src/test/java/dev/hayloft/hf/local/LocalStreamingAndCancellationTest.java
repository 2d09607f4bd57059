package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Streamed chunks always add up to the reply (stop words after a space, return_full_text), and
 * requests stop cleanly: cancelled futures, close() during generation, requests still queued.
 */
class LocalStreamingAndCancellationTest {

    private static HuggingFaceLocalGenerator generator(int maxNewTokens) {
        return HuggingFaceLocalGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", maxNewTokens, "do_sample", false)).build();
    }

    private static String joined(List<StreamingChunk> chunks) {
        StringBuilder sb = new StringBuilder();
        chunks.forEach(c -> sb.append(c.content()));
        return sb.toString();
    }

    @Test
    void streamedChunksEqualTheReplyWhenAStopWordFollowsASpace() {
        try (HuggingFaceLocalGenerator llm = generator(40)) {
            llm.warmUp();
            for (Map<String, Object> kw : List.of(Map.<String, Object>of("stop_sequences", List.of("girl")),
                    Map.<String, Object>of("stop_sequences", List.of("girl"), "return_full_text", true),
                    Map.<String, Object>of("return_full_text", true, "max_new_tokens", 5))) {
                List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
                String reply = llm.run("Once upon a time", chunks::add, kw).replies().get(0);
                assertEquals(reply, joined(chunks), "kwargs " + kw);
                assertEquals(1, chunks.stream().filter(StreamingChunk::start).count());
            }
            assertEquals(", there was a little", llm.run("Once upon a time", null, Map.of("stop_sequences",
                    List.of("girl"))).replies().get(0), "the reply is stripped as Haystack strips it");
        }
        try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
                .model(StoriesModel.folder().toString()).stopWords(List.of("girl"))
                .generationKwargs(Map.of("max_new_tokens", 40, "do_sample", false)).build()) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            String reply = chat.run(List.of(ChatMessage.fromUser("Tell me a story")), null, null, chunks::add)
                    .replies().get(0).text();
            assertEquals(reply, joined(chunks));
        }
    }

    @Test
    void closeDuringGenerationEndsItCleanly() throws Exception {
        HuggingFaceLocalGenerator llm = generator(500);
        llm.warmUp();
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                llm.run("Once upon a time", c -> {
                    streaming.countDown();
                    pause(); // keeps the request running while close() is called
                }, null);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        assertTrue(streaming.await(60, TimeUnit.SECONDS));
        llm.close();   // returns once the request has stopped and the model is freed
        caller.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(failure.get() instanceof CancellationException, String.valueOf(failure.get()));
        assertTrue(failure.get().getMessage().contains("closed"), failure.get().getMessage());
        assertThrows(IllegalStateException.class, () -> llm.run("Once"));
    }

    @Test
    void cancellingAnAsyncRequestStopsItEvenWithoutStreamingAndQueuedOnesFailAtClose() throws Exception {
        HuggingFaceLocalGenerator llm = generator(500);
        llm.warmUp();
        // the generator's executor has one worker: the second request waits for the first
        CompletableFuture<HuggingFaceLocalGenerator.Result> first = llm.runAsync("Once upon a time", null, null);
        CompletableFuture<HuggingFaceLocalGenerator.Result> second = llm.runAsync("Lily", null, null);
        first.cancel(true);
        assertThrows(CancellationException.class, first::join);
        llm.close();
        CancellationException e = assertThrows(CancellationException.class, () -> second.get(60, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(assertThrows(CompletionException.class, () -> llm.runAsync("x", null, null).join()).getCause()
                instanceof IllegalStateException);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
