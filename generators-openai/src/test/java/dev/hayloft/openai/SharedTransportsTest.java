package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.openai.internal.SharedTransports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Components with the same settings share one connection pool and one bounded worker pool,
 * released when the last of them closes; a caller's executor is used instead when given.
 * Connection reuse is counted on a keep-alive loopback server (responses have the shape of
 * {@code /v1/chat/completions}, see {@link OpenAIResponses}).
 */
class SharedTransportsTest {
    private static final String KEY = "sk-test-shared-0123456789";

    private static RawHttpServer keepAliveServer() throws Exception {
        return new RawHttpServer(ex -> ex.respond(200, OpenAIResponses.completion("hi")), true);
    }

    private static OpenAIChatGenerator generator(String baseUrl, Map<String, Object> kwargs) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(baseUrl).maxRetries(0)
                .httpClientKwargs(kwargs).build();
    }

    private static OpenAIConnection.Builder connection(String baseUrl) {
        return OpenAIConnection.builder(OpenAIClientOptions.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(baseUrl).maxRetries(0).environment(n -> null).build());
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("Hi"));
    }

    @Test
    void generatorsWithTheSameSettingsReuseOneConnection() throws Exception {
        try (RawHttpServer raw = keepAliveServer();
                OpenAIChatGenerator a = generator(raw.baseUrl(), Map.of("follow_redirects", true));
                OpenAIChatGenerator b = generator(raw.baseUrl(), Map.of("follow_redirects", true));
                OpenAIChatGenerator other = generator(raw.baseUrl(), Map.of("follow_redirects", false))) {
            assertEquals("hi", a.run(hi()).text());
            assertEquals("hi", b.run(hi()).text());
            assertEquals("hi", a.run(hi()).text());
            assertEquals(3, raw.bodies.size());
            assertEquals(1, raw.connections.get(), "the second generator must reuse the first one's connection");

            assertEquals("hi", other.run(hi()).text());
            assertEquals(2, raw.connections.get(), "different connection settings, a pool of their own");
        }
    }

    @Test
    void theLastCloseReleasesTheTransportAndItsThreads() throws Exception {
        int before = SharedTransports.openTransports();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        try (RawHttpServer raw = keepAliveServer()) {
            OpenAIConnection first = connection(raw.baseUrl()).asyncThreads(7).build();
            OpenAIConnection second = connection(raw.baseUrl()).asyncThreads(7).build();
            assertEquals(before + 1, SharedTransports.openTransports(), "equal settings, one transport");
            for (OpenAIConnection c : List.of(first, second)) {
                c.callAsync(OpenAIClient.class, client -> workers.add(Thread.currentThread())).join();
            }
            first.close();
            assertEquals(before + 1, SharedTransports.openTransports(), "still held by the second connection");
            assertEquals(Boolean.TRUE, second.callAsync(OpenAIClient.class,
                    client -> workers.add(Thread.currentThread()) || true).join());
            second.close();
            assertEquals(before, SharedTransports.openTransports());
        }
        assertFalse(workers.isEmpty());
        for (Thread t : workers) {
            assertTrue(t.isDaemon(), t.getName());
            assertTrue(t.getName().startsWith("hayloft-openai-"), t.getName());
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), t.getName() + " outlived the last close");
        }
    }

    @Test
    void theWorkerPoolIsBounded() throws Exception {
        int bound = 2;
        int tasks = 6;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        CountDownLatch boundReached = new CountDownLatch(bound);
        CountDownLatch release = new CountDownLatch(1);
        try (OpenAIConnection openai = connection("http://127.0.0.1:9/v1").asyncThreads(bound).build()) {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(openai.callAsync(OpenAIClient.class, client -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threadNames.add(Thread.currentThread().getName());
                    boundReached.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return "done";
                }));
            }
            assertTrue(boundReached.await(10, TimeUnit.SECONDS));
            Thread.sleep(200);   // room for a task beyond the bound to start, were there no bound
            assertEquals(bound, running.get(), "tasks beyond the bound must wait in line");
            release.countDown();
            for (CompletableFuture<String> f : futures) {
                assertEquals("done", f.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(bound, maxRunning.get());
        assertTrue(threadNames.size() <= bound, threadNames.toString());
    }

    @Test
    void aCallersExecutorRunsTheWorkAndOutlivesTheConnection() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
        try {
            try (OpenAIConnection openai = connection("http://127.0.0.1:9/v1").executor(mine).build()) {
                assertEquals("my-executor", openai.callAsync(OpenAIClient.class,
                        client -> Thread.currentThread().getName()).join());
            }
            assertFalse(mine.isShutdown(), "the caller's executor belongs to the caller");
            assertEquals("still mine", mine.submit(() -> "still mine").get(10, TimeUnit.SECONDS));
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void closingOneConnectionCancelsItsCallsButNotThoseOfItsNeighbour() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            if (slowStarted.getCount() > 0) {
                slowStarted.countDown();
                if (ex.clientClosedWithin(10_000)) {
                    aborted.countDown();
                    return;
                }
            }
            ex.respond(200, OpenAIResponses.completion("hi"));
        }, true); OpenAIConnection neighbour = connection(raw.baseUrl()).build()) {
            OpenAIConnection closing = connection(raw.baseUrl()).build();
            ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                    .addUserMessage("hello").build();
            CompletableFuture<?> slow = closing.callAsync(OpenAIClient.class, c -> c.chat().completions().create(p));
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
            closing.close();
            assertTrue(aborted.await(10, TimeUnit.SECONDS), "the call in flight was not aborted");
            assertThrows(CancellationException.class, slow::join);
            assertTrue(slow.isCancelled());
            assertEquals("hi", neighbour.call(OpenAIClient.class, c -> c.chat().completions().create(p)).choices()
                    .get(0).message().content().orElseThrow());
            assertThrows(IllegalStateException.class, () -> closing.call(OpenAIClient.class, c -> "x"));
        }
    }
}
