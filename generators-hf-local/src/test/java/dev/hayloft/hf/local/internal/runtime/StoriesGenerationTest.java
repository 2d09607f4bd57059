package dev.hayloft.hf.local.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.FinishReason;
import dev.hayloft.hf.local.internal.generation.GeneratedSequence;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.generation.TokenStreamListener;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** End-to-end generation on the real stories260K Llama model. */
class StoriesGenerationTest {
    private static final JsonNode GREEDY = Fixtures.json(Fixtures.STORIES, "expected.json").get("greedy");
    private static final String PROMPT = GREEDY.get("prompt").asText();
    private static final int[] EXPECTED_NEW = Arrays.copyOfRange(Fixtures.ints(GREEDY.get("ids")), 5,
            GREEDY.get("ids").size());
    private static final String EXPECTED_CONTINUATION = GREEDY.get("text").asText().substring(PROMPT.length());

    private static GenerationParams greedy(int maxNewTokens) {
        return GenerationParams.builder().doSample(false).maxNewTokens(maxNewTokens).build();
    }

    private static int[] ids(GeneratedSequence s) {
        return s.tokenIds().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Collects streamed deltas per sequence and the finish events. */
    static final class Collector implements TokenStreamListener {
        final Map<Integer, StringBuilder> text = new ConcurrentHashMap<>();
        final Map<Integer, List<String>> deltas = new ConcurrentHashMap<>();
        final Map<Integer, FinishReason> finished = new ConcurrentHashMap<>();

        @Override
        public void onText(int seq, String delta) {
            assertFalse(delta.isEmpty());
            assertFalse(finished.containsKey(seq), "text after finish");
            text.computeIfAbsent(seq, k -> new StringBuilder()).append(delta);
            deltas.computeIfAbsent(seq, k -> new ArrayList<>()).add(delta);
        }

        @Override
        public void onFinish(int seq, FinishReason reason) {
            assertEquals(null, finished.put(seq, reason), "finished twice");
        }

        String text(int seq) {
            return text.getOrDefault(seq, new StringBuilder()).toString();
        }
    }

    @Test
    void greedyReproducesTheExpectedSixtyTokens() {
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT, greedy(60), null);
        GeneratedSequence s = r.sequences().get(0);
        assertArrayEquals(EXPECTED_NEW, ids(s));
        assertEquals(EXPECTED_CONTINUATION, s.text());
        assertEquals(FinishReason.LENGTH, s.finishReason());
        assertEquals(5, r.usage().promptTokens());
        assertEquals(60, r.usage().completionTokens());
        assertEquals(65, r.usage().totalTokens());
        assertFalse(r.promptTruncated());
    }

    @Test
    void greedyWithoutKvCacheReproducesTheSameTokens() {
        GenerationResult r = Fixtures.modelWithoutCache(Fixtures.STORIES).generate(PROMPT, greedy(60), null);
        assertArrayEquals(EXPECTED_NEW, ids(r.sequences().get(0)));
        assertEquals(EXPECTED_CONTINUATION, r.text());
    }

    @Test
    void streamedDeltasConcatenateToTheFinalText() {
        Collector c = new Collector();
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT, greedy(60), c);
        assertArrayEquals(EXPECTED_NEW, ids(r.sequences().get(0)));
        assertEquals(EXPECTED_CONTINUATION, r.text());
        assertEquals(r.text(), c.text(0));
        assertTrue(c.deltas.get(0).size() > 30, "token-by-token streaming expected, got " + c.deltas.get(0));
        assertEquals(FinishReason.LENGTH, c.finished.get(0));
    }

    @Test
    void endsWithStopWhenTheModelEmitsAnEosId() {
        // expected.json: greedy emits BOS (id 1, listed as eos in generation_config.json) as its 342nd token
        Collector c = new Collector();
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT, greedy(400), c);
        GeneratedSequence s = r.sequences().get(0);
        assertEquals(FinishReason.STOP, s.finishReason());
        assertEquals(342, s.tokenIds().size());
        assertEquals(1, s.tokenIds().get(341));
        assertTrue(s.text().endsWith("She was so happy and said, \"Thank you, Lily! You are a good friend.\""),
                s.text());
        assertEquals(s.text(), c.text(0));
        assertEquals(FinishReason.STOP, c.finished.get(0));
    }

    @Test
    void stopWordSpanningTokensCutsTheTextWithAndWithoutStreaming() {
        // "y. Sh" spans three tokens of the greedy text: "...named Lily. She loved..."
        GenerationParams p = greedy(60).toBuilder().stopWords(List.of("y. Sh", "never appears")).build();
        String expected = EXPECTED_CONTINUATION.substring(0, EXPECTED_CONTINUATION.indexOf("y. Sh"));
        assertEquals(", there was a little girl named Lil", expected);

        GenerationResult plain = Fixtures.model(Fixtures.STORIES).generate(PROMPT, p, null);
        Collector c = new Collector();
        GenerationResult streamed = Fixtures.model(Fixtures.STORIES).generate(PROMPT, p, c);
        for (GenerationResult r : List.of(plain, streamed)) {
            GeneratedSequence s = r.sequences().get(0);
            assertEquals(expected, s.text());
            assertEquals(FinishReason.STOP, s.finishReason());
            // generation stopped at the token completing the stop word ("▁She"), not later
            assertArrayEquals(Arrays.copyOf(EXPECTED_NEW, s.tokenIds().size()), ids(s));
            assertTrue(s.tokenIds().size() < 15, "stopped at " + s.tokenIds().size());
        }
        assertEquals(expected, c.text(0));
        assertEquals(FinishReason.STOP, c.finished.get(0));
    }

    @Test
    void stopWordIsHeldBackWhileItCouldStillMatch() {
        // "Lily. She hated" shares the prefix "Lily. She " with the real text, then diverges:
        // streaming must hold "Lily. She" back until the mismatch, and never stop.
        GenerationParams p = greedy(20).toBuilder().stopWords(List.of("Lily. She hated")).build();
        Collector c = new Collector();
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT, p, c);
        assertEquals(FinishReason.LENGTH, r.sequences().get(0).finishReason());
        assertArrayEquals(Arrays.copyOf(EXPECTED_NEW, 20), ids(r.sequences().get(0)));
        assertEquals(r.text(), c.text(0));
        StringBuilder sofar = new StringBuilder();
        for (String d : c.deltas.get(0)) {
            sofar.append(d);
            String s = sofar.toString();
            assertFalse(s.endsWith("Lily") || s.endsWith("Lily.") || s.endsWith("Lily. She"),
                    "emitted a possible stop-word prefix: " + s);
        }
    }

    @Test
    void samplingIsReproducibleWithASeed() {
        GenerationParams p = GenerationParams.builder().doSample(true).temperature(1.0).topP(0.9)
                .maxNewTokens(40).seed(1234L).build();
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        GenerationResult a = m.generate(PROMPT, p, null);
        GenerationResult b = m.generate(PROMPT, p, null);
        GenerationResult other = m.generate(PROMPT, p.toBuilder().seed(99L).build(), null);
        assertEquals(a.sequences().get(0).tokenIds(), b.sequences().get(0).tokenIds());
        assertEquals(a.text(), b.text());
        assertNotEquals(a.sequences().get(0).tokenIds(), other.sequences().get(0).tokenIds());
        assertNotEquals(List.of(Arrays.stream(EXPECTED_NEW).limit(40).boxed().toArray()),
                a.sequences().get(0).tokenIds());
    }

    @Test
    void severalReturnSequencesAreIndependentSamples() {
        GenerationParams p = GenerationParams.builder().doSample(true).temperature(1.2).maxNewTokens(25)
                .numReturnSequences(3).seed(7L).build();
        Collector c = new Collector();
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT, p, c);
        assertEquals(3, r.sequences().size());
        Set<String> texts = new HashSet<>();
        int total = 0;
        for (int i = 0; i < 3; i++) {
            GeneratedSequence s = r.sequences().get(i);
            assertEquals(i, s.index());
            assertEquals(s.text(), c.text(i), "streamed text of sequence " + i);
            assertEquals(s.finishReason(), c.finished.get(i));
            texts.add(s.text());
            total += s.tokenIds().size();
            assertTrue(s.tokenIds().size() <= 25);
        }
        assertEquals(3, texts.size(), "samples should differ: " + texts);
        assertEquals(total, r.usage().completionTokens());
        // reproducible as a whole
        GenerationResult again = Fixtures.model(Fixtures.STORIES).generate(PROMPT, p, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(r.sequences().get(i).tokenIds(), again.sequences().get(i).tokenIds());
        }
    }

    @Test
    void repetitionPenaltyChangesGreedyOutput() {
        GenerationResult r = Fixtures.model(Fixtures.STORIES).generate(PROMPT,
                greedy(60).toBuilder().repetitionPenalty(1.5).build(), null);
        int[] got = ids(r.sequences().get(0));
        assertFalse(Arrays.equals(EXPECTED_NEW, got));
        // penalised tokens are less repeated than in plain greedy output
        assertTrue(new HashSet<>(r.sequences().get(0).tokenIds()).size()
                > Arrays.stream(EXPECTED_NEW).distinct().count());
    }

    @Test
    void concurrentGreedyRequestsAllGiveTheExpectedOutput() throws Exception {
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads * 2; i++) {
                boolean stream = i % 2 == 0;
                futures.add(pool.submit(() -> {
                    start.await();
                    return m.generate(PROMPT, greedy(60), stream ? new Collector() : null);
                }));
            }
            start.countDown();
            for (Future<GenerationResult> f : futures) {
                GenerationResult r = f.get();
                assertArrayEquals(EXPECTED_NEW, ids(r.sequences().get(0)));
                assertEquals(EXPECTED_CONTINUATION, r.text());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
