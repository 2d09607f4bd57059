package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.ChatGeneratorResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cancelling {@code runAsync} abandons the HTTP exchange: the server sees the connection close. */
class CancellationTest {
    private static final int EVENTS = 400;

    private static OpenAIChatGenerator generator(String baseUrl) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-cancel")).apiBaseUrl(baseUrl).maxRetries(2)
                .timeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void cancellingAStreamingRunClosesTheConnection() throws Exception {
        AtomicInteger written = new AtomicInteger();
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"\"}", null));
            for (int i = 0; i < EVENTS; i++) {
                Thread.sleep(25);
                ex.chunk(OpenAIResponses.event("{\"content\":\"tok \"}", null));
                written.incrementAndGet();
            }
            ex.chunk(OpenAIResponses.event("{}", "stop"));
            ex.endChunks();
        }); OpenAIChatGenerator llm = generator(raw.baseUrl())) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(4);
            CompletableFuture<ChatGeneratorResult> future = llm.runAsync(List.of(ChatMessage.fromUser("Go on")), null,
                    null, chunk -> {
                        chunks.add(chunk);
                        started.countDown();
                    });
            assertTrue(started.await(10, TimeUnit.SECONDS), "the stream did not start");

            long cancelledAt = System.nanoTime();
            assertTrue(future.cancel(true));

            assertTrue(raw.clientGone.await(5, TimeUnit.SECONDS), "the server never saw the connection close");
            long closeMs = (raw.clientGoneAtNanos - cancelledAt) / 1_000_000;
            assertTrue(closeMs < 2000, "the connection closed " + closeMs + " ms after cancel");
            assertTrue(written.get() < EVENTS, "the server streamed everything: " + written.get());
            int seen = chunks.size();
            Thread.sleep(300);
            assertEquals(seen, chunks.size(), "chunks kept arriving after the connection closed");
            assertThrows(CancellationException.class, future::join);
            assertEquals(1, raw.bodies.size(), "a cancelled request must not be retried");
        }
    }

    @Test
    void cancellingAPlainRunClosesTheConnection() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n");
            for (int i = 0; i < EVENTS; i++) {
                Thread.sleep(25);
                ex.chunk(" ");
            }
            ex.chunk(OpenAIResponses.completion("late"));
            ex.endChunks();
        }); OpenAIChatGenerator llm = generator(raw.baseUrl())) {
            CompletableFuture<ChatGeneratorResult> future = llm.runAsync(List.of(ChatMessage.fromUser("Hi")));
            Thread.sleep(300);
            long cancelledAt = System.nanoTime();
            future.cancel(true);
            assertTrue(raw.clientGone.await(5, TimeUnit.SECONDS), "the server never saw the connection close");
            assertTrue((raw.clientGoneAtNanos - cancelledAt) / 1_000_000 < 2000);
            assertTrue(future.isCancelled());
        }
    }

    @Test
    void cancellingDuringARetryBackOffStopsRetrying() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> ex.raw("HTTP/1.1 429 Too Many Requests\r\n"
                + "Content-Type: application/json\r\nRetry-After: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
                OpenAIChatGenerator llm = generator(raw.baseUrl())) {
            CompletableFuture<ChatGeneratorResult> future = llm.runAsync(List.of(ChatMessage.fromUser("Hi")));
            Thread.sleep(300);
            assertEquals(1, raw.bodies.size());
            future.cancel(true);
            Thread.sleep(1500);
            assertEquals(1, raw.bodies.size(), "the retry after Retry-After: 1 was sent although the run was cancelled");
            assertThrows(CancellationException.class, future::join);
        }
    }
}
