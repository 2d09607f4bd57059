package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The connection's life on a raw socket: cancelling {@code runAsync} closes the connection (the
 * server sees the client go, mid-stream), a stream cut in the middle of its body fails with a
 * retryable server error, and a server that stops sending hits the per-read timeout.
 */
class CancellationAndTimeoutTest {
    private static final int EVENTS = 400;
    private final Generators generators = new Generators();

    @Test
    void cancellingAStreamingRunClosesTheConnection() throws Exception {
        try (SocketServer server = new SocketServer(out -> {
            SocketServer.startStream(out);
            for (int i = 0; i < EVENTS; i++) {   // until the closed connection makes a write fail
                SocketServer.chunk(out, TgiShapes.event("tok ", null, null));
                Thread.sleep(20);
            }
        })) {
            RecordingListener events = new RecordingListener();
            HuggingFaceAPIChatGenerator llm = generators.chat(server.url()).listener(events).build();
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(3);
            CompletableFuture<ChatGeneratorResult> future = llm.runAsync(List.of(ChatMessage.fromUser("Go on")), null,
                    null, chunk -> {
                        chunks.add(chunk);
                        started.countDown();
                    });
            assertTrue(started.await(20, TimeUnit.SECONDS), "the stream did not start");
            assertTrue(future.cancel(true));
            assertTrue(server.clientGone.await(20, TimeUnit.SECONDS), "the server never saw the connection close");
            assertThrows(CancellationException.class, future::join);
            assertInstanceOf(CancellationException.class, events.one(ErrorEvent.class).error());
            llm.close();
        }
    }

    @Test
    void aStreamCutMidBodyIsARetryableServerError() throws Exception {
        try (SocketServer server = new SocketServer(out -> {
            SocketServer.startStream(out);
            SocketServer.chunk(out, TgiShapes.event("Hel", null, null));
            out.write("40\r\ndata: {\"choices\":[{\"delta\":".getBytes());   // a chunk announced longer than sent
            out.flush();
        })) {
            try (HuggingFaceAPIChatGenerator llm = generators.chat(server.url()).maxRetries(0).build()) {
                ServerErrorException e = assertThrows(ServerErrorException.class, () -> llm.run(
                        List.of(ChatMessage.fromUser("hi")), null, null, c -> { }));
                assertTrue(e.isRetryable());
                assertTrue(e.getMessage().contains("The connection failed"), e.getMessage());
            }
        }
    }

    @Test
    void aSilentServerHitsThePerReadTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SocketServer server = new SocketServer(out -> {
            SocketServer.startStream(out);
            release.await(30, TimeUnit.SECONDS);
        })) {
            try (HuggingFaceAPIChatGenerator llm = generators.chat(server.url()).maxRetries(0)
                    .timeout(Duration.ofMillis(300)).build()) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> llm.runAsync(
                        List.of(ChatMessage.fromUser("hi")), null, null, c -> { }).get(30, TimeUnit.SECONDS));
                GenerationTimeoutException timeout = assertInstanceOf(GenerationTimeoutException.class, e.getCause());
                assertTrue(timeout.isRetryable());
            } finally {
                release.countDown();
            }
        }
        assertEquals(0, generators.waits.size());
    }
}
