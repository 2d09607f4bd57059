package dev.hayloft.hf.local.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.FinishReason;
import dev.hayloft.hf.local.internal.generation.GeneratedSequence;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The greedy continuations of reference.json (40 tokens; 12 for the Qwen3 fixture) through the facade, streamed or
 * not, cached or not.
 */
class ReferenceGenerationTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of(Fixtures.QWEN2, Fixtures.GPT2, Fixtures.QWEN3)) {
            for (JsonNode c : Fixtures.json(model, "reference.json").get("cases")) {
                out.add(Arguments.of(model, c.get("name").asText(), true));
                out.add(Arguments.of(model, c.get("name").asText(), false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} kvCache={2}")
    @MethodSource("cases")
    void greedyContinuationMatchesReference(String model, String caseName, boolean kvCache) {
        JsonNode c = null;
        for (JsonNode x : Fixtures.json(model, "reference.json").get("cases")) {
            if (x.get("name").asText().equals(caseName)) {
                c = x;
            }
        }
        JsonNode greedy = c.get("greedy");
        List<Integer> expected = new ArrayList<>();
        greedy.get("new_ids").forEach(n -> expected.add(n.asInt()));
        String expectedText = greedy.has("text_with_transformers_cleanup")
                ? greedy.get("text_with_transformers_cleanup").asText() : greedy.get("text").asText();
        LocalModel m = kvCache ? Fixtures.model(model) : Fixtures.modelWithoutCache(model);
        GenerationParams p = GenerationParams.builder().doSample(false)
                .maxNewTokens(greedy.get("max_new_tokens").asInt()).build();
        StringBuilder streamed = new StringBuilder();
        GenerationResult r = m.generate(c.get("prompt").asText(), p, (seq, delta) -> streamed.append(delta));
        GeneratedSequence s = r.sequences().get(0);
        assertEquals(expected, s.tokenIds());
        assertEquals(FinishReason.LENGTH, s.finishReason());
        assertEquals(c.get("num_input_tokens").asInt(), r.usage().promptTokens());
        assertEquals(expectedText, s.text());
        assertEquals(s.text(), streamed.toString());
        // the same through token ids, without streaming
        GenerationResult byIds = m.generate(Fixtures.ints(c.get("input_ids")), p, null);
        assertEquals(expected, byIds.sequences().get(0).tokenIds());
        assertEquals(expectedText, byIds.text());
    }

    @Test
    void modelInfoReflectsTheConfigFiles() {
        ModelInfo qwen = Fixtures.model(Fixtures.QWEN2).info();
        assertEquals("qwen2", qwen.modelType());
        assertEquals(32768, qwen.contextLength());
        assertEquals(151936, qwen.vocabSize());
        assertEquals("cpu", qwen.device());
        assertEquals(List.of(151645, 151643), qwen.eosTokenIds());
        assertEquals(151643, qwen.bosTokenId());
        assertEquals(151643, qwen.padTokenId());
        assertEquals("<|im_end|>", qwen.tokenizerSettings().eosToken());
        assertFalse(qwen.tokenizerSettings().chatTemplate().isEmpty());

        ModelInfo gpt2 = Fixtures.model(Fixtures.GPT2).info();
        assertEquals(List.of(50256), gpt2.eosTokenIds());
        assertEquals(1024, gpt2.contextLength());
        assertNull(gpt2.tokenizerSettings().chatTemplate());

        ModelInfo stories = Fixtures.model(Fixtures.STORIES).info();
        assertEquals(List.of(2, 1), stories.eosTokenIds());
        assertEquals(Boolean.TRUE, stories.generationDefaults().doSample());
        assertEquals(0.9, stories.generationDefaults().topP());
        assertEquals(512, stories.contextLength());
    }

    @Test
    void generationConfigDefaultsApplyWhenTheRequestSetsNothing() {
        // stories260K's generation_config.json samples (do_sample true, top_p 0.9) with max_length 512
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        GenerationResult a = m.generate("Once upon a time", GenerationParams.builder().seed(5L).build(), null);
        GenerationResult b = m.generate("Once upon a time", GenerationParams.builder().seed(6L).build(), null);
        assertFalse(Arrays.equals(a.sequences().get(0).tokenIds().toArray(), b.sequences().get(0).tokenIds().toArray()),
                "sampling by default");
        for (GenerationResult r : List.of(a, b)) {
            GeneratedSequence s = r.sequences().get(0);
            // max_length 512 - 5 prompt tokens, unless an EOS id (2 or 1) ended it first
            if (s.finishReason() == FinishReason.LENGTH) {
                assertEquals(507, s.tokenIds().size());
            } else {
                int last = s.tokenIds().get(s.tokenIds().size() - 1);
                assertEquals(true, last == 1 || last == 2, "ended by " + last);
            }
        }
    }
}
