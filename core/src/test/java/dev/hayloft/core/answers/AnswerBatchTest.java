package dev.hayloft.core.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.GenerationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerBatchTest {
    static final List<Document> DOCS = List.of(Document.of("Paris is the capital of France."));

    /** Replies "answer to <query>"; queries containing "fail" get a rate-limit error. */
    static List<String> reply(String prompt) {
        String query = prompt.substring(prompt.lastIndexOf("Q: ") + 3, prompt.lastIndexOf("\nA:"));
        if (query.contains("fail")) {
            throw new RateLimitException("rate limited: " + query, GenerationException.details("fake"), null);
        }
        return List.of("answer to " + query);
    }

    @Test
    void hundredQueriesWithFiveFailingGiveNinetyFiveAnswersAndFiveReportedErrors() {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            FakeChat chat = new FakeChat((m, kw) -> reply(m.get(0).text()), pool);
            DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(chat).topK(1).progressBar(false).build();
            List<AnswerRequest> requests = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                requests.add(new AnswerRequest(i % 20 == 7 ? "fail " + i : "query " + i, DOCS));
            }
            List<BatchProgress> progress = new CopyOnWriteArrayList<>();
            List<AnswerBatch> finished = new CopyOnWriteArrayList<>();
            AtomicInteger concurrentCalls = new AtomicInteger();
            AtomicInteger maxConcurrentCalls = new AtomicInteger();
            BatchProgressListener recorder = new BatchProgressListener() {
                @Override
                public void onStart(BatchProgress p) {
                    progress.add(p);
                }

                @Override
                public void onProgress(BatchProgress p) {
                    // calls never overlap
                    maxConcurrentCalls.accumulateAndGet(concurrentCalls.incrementAndGet(), Math::max);
                    progress.add(p);
                    concurrentCalls.decrementAndGet();
                }

                @Override
                public void onFinish(AnswerBatch batch, BatchProgress p) {
                    finished.add(batch);
                }
            };
            BatchOptions options = BatchOptions.builder().concurrency(5).listener(recorder)
                    .listener(p -> {
                        throw new IllegalStateException("a broken listener never breaks the batch");
                    }).build();

            AnswerBatch batch = a.runBatch(requests, options);

            assertEquals(100, batch.items().size());
            assertEquals(95, batch.succeeded());
            assertEquals(5, batch.failures().size());
            for (int i = 0; i < 100; i++) {
                AnswerBatch.Item item = batch.items().get(i);
                assertEquals(i, item.index());
                assertEquals(requests.get(i).query(), item.query());
                if (item.query().startsWith("fail")) {
                    assertFalse(item.succeeded());
                    assertNull(item.result());
                    assertInstanceOf(RateLimitException.class, item.error());
                    assertTrue(item.error().getMessage().contains(item.query()), item.error().getMessage());
                    assertEquals(List.of(), batch.answers().get(i));
                } else {
                    assertEquals("answer to " + item.query(), item.answers().get(0).data());
                    assertEquals(item.query(), item.answers().get(0).query());
                }
            }
            assertEquals(List.of(7, 27, 47, 67, 87), batch.failures().stream().map(AnswerBatch.Item::index).toList());
            // at most 5 requests in flight, as configured
            assertTrue(chat.maxRunning.get() <= 5, "max in flight " + chat.maxRunning.get());
            assertEquals(100, chat.calls.size());
            // onStart, then one report per request with the counts going up by one
            assertEquals(101, progress.size());
            for (int i = 0; i <= 100; i++) {
                assertEquals(i, progress.get(i).completed());
                assertEquals(100, progress.get(i).total());
            }
            assertEquals(5, progress.get(100).failed());
            assertTrue(progress.get(100).done());
            assertEquals(1, maxConcurrentCalls.get());
            assertEquals(List.of(batch), finished);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsStartOnTheCallersExecutorAndInlineGeneratorsDoNotNest() {
        // a generator answering on the calling thread: 2,000 requests must not nest on the stack
        FakeChat inline = new FakeChat((m, kw) -> reply(m.get(0).text()), null);
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(inline).topK(1).progressBar(false).build();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            queries.add("q" + i);
        }
        AnswerBatch batch = a.runBatch(queries, DOCS);
        assertEquals(2000, batch.succeeded());
        assertEquals("answer to q1999", batch.answers().get(1999).get(0).data());

        ExecutorService caller = Executors.newFixedThreadPool(2);
        try {
            List<String> threads = new CopyOnWriteArrayList<>();
            FakeChat seeing = new FakeChat((m, kw) -> {
                threads.add(Thread.currentThread().getName());
                return List.of("x");
            }, null);
            AnswerBatch b = DocumentAnswerGenerator.builder(seeing).topK(1).build().runBatch(
                    AnswerRequest.of(List.of("a", "b", "c"), DOCS),
                    BatchOptions.builder().executor(caller).progressBar(false).build());
            assertEquals(3, b.succeeded());
            String main = Thread.currentThread().getName();
            assertTrue(threads.stream().noneMatch(main::equals), threads.toString());
        } finally {
            caller.shutdownNow();
        }
        // bad input of one request fails that request only
        AnswerBatch mixed = a.runBatch(List.of(new AnswerRequest("ok", DOCS), new AnswerRequest("ok", DOCS)),
                BatchOptions.builder().topK(1).generationKwargs(Map.of("n", 1)).build());
        assertEquals(2, mixed.succeeded());
        assertEquals(0, a.runBatch(List.of(), BatchOptions.defaults()).items().size());
        assertThrows(IllegalArgumentException.class, () -> a.runBatch(null, BatchOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> BatchOptions.builder().concurrency(0).build());
    }

    @Test
    void cancellingABatchCancelsTheRequestsInFlightAndStartsNoMore() {
        List<CompletableFuture<?>> started = new CopyOnWriteArrayList<>();
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(new HangingChat(started)).topK(1)
                .progressBar(false).build();
        CompletableFuture<AnswerBatch> f = a.runBatchAsync(AnswerRequest.of(List.of("a", "b", "c", "d"), DOCS),
                BatchOptions.builder().concurrency(2).build());
        assertEquals(2, started.size());
        f.cancel(true);
        assertTrue(started.stream().allMatch(CompletableFuture::isCancelled));
        assertEquals(2, started.size());
        assertThrows(CancellationException.class, f::join);
    }

    @Test
    void theConsoleBarLooksLikeTqdmAndRedrawsInPlace() {
        BatchProgress half = new BatchProgress(100, 45, 2, Duration.ofSeconds(12), null);
        assertEquals("Answering:  45%|#############                 | 45/100 [00:12<00:14, 2 failed]",
                ConsoleProgressBar.render(half, "Answering"));
        assertEquals("Answering:   0%|                              | 0/3 [00:00<?]",
                ConsoleProgressBar.render(new BatchProgress(3, 0, 0, Duration.ZERO, null), "Answering"));
        assertEquals("x: 100%|##############################| 1/1 [1:01:01<00:00]",
                ConsoleProgressBar.render(new BatchProgress(1, 1, 0, Duration.ofSeconds(3661), null), "x"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Q");
        Clock fixed = Clock.fixed(Instant.parse("2025-01-05T00:00:00Z"), ZoneOffset.UTC);
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(FakeChat.answering("x")).topK(1).build();
        a.runBatch(AnswerRequest.of(List.of("a", "b"), DOCS), BatchOptions.builder().listener(bar).clock(fixed).build());
        assertEquals("\rQ:   0%|                              | 0/2 [00:00<?]"
                + "\rQ:  50%|###############               | 1/2 [00:00<00:00]"
                + "\rQ: 100%|##############################| 2/2 [00:00<00:00]" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
        // tests run without a console: the built-in bar stays off
        assertFalse(ConsoleProgressBar.consoleAttached());
    }

    /** A generator whose requests hang until cancelled. */
    private static final class HangingChat implements dev.hayloft.core.generation.ChatGenerator {
        private final List<CompletableFuture<?>> started;

        HangingChat(List<CompletableFuture<?>> started) {
            this.started = started;
        }

        @Override
        public dev.hayloft.core.generation.ChatGeneratorResult run(
                List<dev.hayloft.core.dataclasses.ChatMessage> messages, Map<String, Object> kwargs,
                List<? extends dev.hayloft.core.tools.ToolSource> tools,
                dev.hayloft.core.dataclasses.StreamingCallback callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<dev.hayloft.core.generation.ChatGeneratorResult> runAsync(
                List<dev.hayloft.core.dataclasses.ChatMessage> messages, Map<String, Object> kwargs,
                List<? extends dev.hayloft.core.tools.ToolSource> tools,
                dev.hayloft.core.dataclasses.StreamingCallback callback) {
            CompletableFuture<dev.hayloft.core.generation.ChatGeneratorResult> f = new CompletableFuture<>();
            started.add(f);
            return f;
        }

        @Override
        public Map<String, Object> toDict() {
            return dev.hayloft.core.component.Components.dict(this, Map.of());
        }
    }
}
