package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.fallback.FallbackAttempt.Outcome;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,000 concurrent requests through one FallbackChatGenerator whose primary fails every third
 * call (some before answering, some in the middle of a stream): every request gets exactly
 * one reply, its own, and every stream shows that reply after at most one reset.
 */
class ConcurrentFailoverTest {
    private static final int REQUESTS = 1000;

    @Test
    void aThousandConcurrentCallsWithAFlappingPrimaryLoseNothingAndDuplicateNothing() throws Exception {
        AtomicInteger primaryCalls = new AtomicInteger();
        AtomicInteger midStream = new AtomicInteger();
        try (LoopbackLlm primary = new LoopbackLlm(r -> {
            int n = primaryCalls.incrementAndGet();
            if (n % 3 != 0) {
                return Reply.text("primary answers " + r.lastText());
            }
            if (r.streaming() && n % 2 == 1) {
                midStream.incrementAndGet();
                return Reply.streamThenError("partial ", "answer to " + r.lastText());
            }
            return Reply.error(500, Recordings.error("The server had an error", "server_error", null));
        }, 64); LoopbackLlm backup = new LoopbackLlm(r -> Reply.text("backup answers " + r.lastText()), 64);
             FallbackChatGenerator llm = FallbackChatGenerator.builder()
                     .chatGenerators(List.of(Llms.openai(primary).build(), Llms.azure(backup).build())).build()) {
            List<CompletableFuture<FallbackResult>> futures = new ArrayList<>(REQUESTS);
            List<List<StreamingChunk>> streams = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
                streams.add(chunks);
                futures.add(llm.runWithMetaAsync(ask("req-" + i), null, null, i % 2 == 0 ? chunks::add : null));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(300, TimeUnit.SECONDS);

            Set<String> replies = new HashSet<>();
            int byBackup = 0;
            int resets = 0;
            for (int i = 0; i < REQUESTS; i++) {
                FallbackResult r = futures.get(i).join();
                String id = "req-" + i;
                assertEquals(1, r.replies().size());
                int winner = r.successfulChatGeneratorIndex();
                assertEquals((winner == 0 ? "primary" : "backup") + " answers " + id, r.text(), "request " + i);
                assertTrue(replies.add(r.text()), "duplicate reply " + r.text());
                List<FallbackAttempt> attempts = r.attempts();
                assertEquals(winner + 1, attempts.size());
                if (winner == 1) {
                    byBackup++;
                    assertEquals(Outcome.FAILED, attempts.get(0).outcome());
                }
                List<StreamingChunk> chunks = streams.get(i);
                if (i % 2 != 0) {
                    assertTrue(chunks.isEmpty());
                    continue;
                }
                int last = -1;
                int seen = 0;
                for (int k = 0; k < chunks.size(); k++) {
                    if (FallbackChatGenerator.isReset(chunks.get(k))) {
                        last = k;
                        seen++;
                    }
                }
                boolean shown = winner == 1 && attempts.get(0).streamed();
                assertEquals(shown ? 1 : 0, seen, "resets in request " + i);
                resets += seen;
                StringBuilder before = new StringBuilder();
                StringBuilder after = new StringBuilder();
                for (int k = 0; k < chunks.size(); k++) {
                    (k < last ? before : after).append(chunks.get(k).content());
                }
                assertEquals(r.text(), after.toString(), "the stream of request " + i + " adds up to its reply");
                if (shown) {
                    assertEquals("partial answer to " + id, before.toString());
                }
                for (StreamingChunk c : chunks) {
                    assertFalse(c.content().contains("req-") && !c.content().endsWith(id), "a chunk of another request");
                }
            }
            assertEquals(REQUESTS, replies.size(), "every request answered once");
            assertEquals(REQUESTS, primary.requestCount(), "every request tried the primary first, once");
            assertEquals(byBackup, backup.requestCount(), "the backup saw exactly the primary's failures");
            assertEquals(REQUESTS / 3, byBackup, "every third primary call failed");
            assertEquals(midStream.get(), resets, "one reset per stream that failed after it showed text");
            assertTrue(resets > 0, "some failures came mid-stream");
        }
    }
}
