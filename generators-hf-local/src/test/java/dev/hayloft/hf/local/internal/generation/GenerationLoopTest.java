package dev.hayloft.hf.local.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.model.CausalLM;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The loop feeds long prompts in chunks and lets a listener stop it before every forward pass. */
class GenerationLoopTest {
    private static final CausalLM LM = Fixtures.causalLm(Fixtures.STORIES);
    private static final LocalModel MODEL = Fixtures.model(Fixtures.STORIES);
    private static final Function<int[], String> DECODER = ids -> MODEL.decode(ids, true);

    private static ResolvedParams greedy(int maxNew, int promptLength) {
        return ResolvedParams.resolve(GenerationParams.builder().doSample(false).maxNewTokens(maxNew).build(),
                MODEL.info().generationDefaults(), Set.of(), promptLength);
    }

    @Test
    void aChunkedPrefillGivesTheSameContinuationAndEveryStepIsAnnounced() {
        int[] prompt = MODEL.encode("Once upon a time, there was a little girl named Lily. She loved to play outside "
                + "in the park with her friends. One day, she saw a big red ball.", true);
        assertTrue(prompt.length > 40, "prompt of " + prompt.length);
        AtomicInteger steps = new AtomicInteger();
        TokenStreamListener counting = new TokenStreamListener() {
            @Override
            public void onText(int sequenceIndex, String delta) {
            }

            @Override
            public void beforeStep() {
                steps.incrementAndGet();
            }
        };
        GenerationResult whole = new GenerationLoop(LM, DECODER, false, true, 512).run(prompt,
                greedy(20, prompt.length), null, false);
        GenerationResult chunked = new GenerationLoop(LM, DECODER, false, true, 512, 16).run(prompt,
                greedy(20, prompt.length), counting, false);
        assertEquals(whole.sequences().get(0).tokenIds(), chunked.sequences().get(0).tokenIds());
        int chunks = (prompt.length + 15) / 16;
        assertEquals(chunks + 19, steps.get(), "one per prompt chunk and one per decoding step after the first token");
    }

    @Test
    void aListenerStopsTheLoopBetweenPromptChunks() {
        int[] prompt = new int[100];
        Arrays.fill(prompt, 403);
        prompt[0] = 1;
        AtomicInteger steps = new AtomicInteger();
        TokenStreamListener cancelAtSecond = new TokenStreamListener() {
            @Override
            public void onText(int sequenceIndex, String delta) {
                throw new AssertionError("no text expected");
            }

            @Override
            public void beforeStep() {
                if (steps.incrementAndGet() == 2) {
                    throw new CancellationException("stop");
                }
            }

            @Override
            public boolean wantsText() {
                return false;
            }
        };
        assertThrows(CancellationException.class, () -> new GenerationLoop(LM, DECODER, false, true, 512, 32)
                .run(prompt, greedy(50, prompt.length), cancelAtSecond, false));
        assertEquals(2, steps.get());
    }
}
