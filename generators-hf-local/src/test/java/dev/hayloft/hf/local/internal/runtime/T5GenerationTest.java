package dev.hayloft.hf.local.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.FinishReason;
import dev.hayloft.hf.local.internal.generation.GeneratedSequence;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The T5 fixtures through the facade: the synthetic Unigram tokenizer encodes like the
 * reference (</s> appended by its post-processor), and greedy generation from the decoder
 * start token reproduces the reference continuation (stopping at eos where it does), streamed
 * or not, with or without the decoder KV cache.
 */
class T5GenerationTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of(Fixtures.T5, Fixtures.FLAN_T5)) {
            for (JsonNode c : Fixtures.resourceJson(model, "reference.json").get("cases")) {
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
        for (JsonNode x : Fixtures.resourceJson(model, "reference.json").get("cases")) {
            if (x.get("name").asText().equals(caseName)) {
                c = x;
            }
        }
        JsonNode greedy = c.get("greedy");
        List<Integer> expected = new ArrayList<>();
        greedy.get("new_ids").forEach(n -> expected.add(n.asInt()));
        LocalModel m = Fixtures.resourceLocalModel(model, kvCache);
        assertArrayEquals(Fixtures.ints(c.get("input_ids")), m.encode(c.get("prompt").asText(), true));
        GenerationParams p = GenerationParams.builder().doSample(false).maxNewTokens(20).build();
        StringBuilder streamed = new StringBuilder();
        GenerationResult r = m.generate(c.get("prompt").asText(), p, (seq, delta) -> streamed.append(delta));
        GeneratedSequence s = r.sequences().get(0);
        assertEquals(expected, s.tokenIds());
        assertEquals(greedy.get("stopped_at_eos").asBoolean() ? FinishReason.STOP : FinishReason.LENGTH,
                s.finishReason());
        assertEquals(c.get("num_input_tokens").asInt(), r.usage().promptTokens());
        assertEquals(greedy.get("text").asText(), s.text());
        assertEquals(s.text(), streamed.toString());
    }

    @Test
    void tokenizerMatchesTheReferenceEncoding() {
        for (String model : List.of(Fixtures.T5, Fixtures.FLAN_T5)) {
            LocalModel m = Fixtures.resourceLocalModel(model, true);
            for (JsonNode t : Fixtures.resourceJson(model, "reference.json").get("tokenizer_cases")) {
                assertArrayEquals(Fixtures.ints(t.get("ids")), m.encode(t.get("text").asText(), true),
                        t.get("text").asText());
            }
        }
    }

    @Test
    void text2textDecodesWithoutCleanUpAsTransformersPipelineDoes() {
        // the flan fixture's tokenizer_config.json sets clean_up_tokenization_spaces true
        LocalModel m = Fixtures.resourceLocalModel(Fixtures.FLAN_T5, true);
        assertEquals("yes , no .", m.decode(m.encode("yes , no .", true), true));
    }

    @Test
    void modelInfoAndFirstStepLogits() {
        LocalModel m = Fixtures.resourceLocalModel(Fixtures.FLAN_T5, true);
        assertTrue(m.isEncoderDecoder());
        ModelInfo info = m.info();
        assertEquals("t5", info.modelType());
        assertEquals(List.of(1), info.eosTokenIds());
        assertEquals(512, info.contextLength());
        JsonNode c = Fixtures.resourceJson(Fixtures.FLAN_T5, "reference.json").get("cases").get(0);
        float[] logits = m.lastPositionLogits(Fixtures.ints(c.get("input_ids")));
        JsonNode step0 = c.get("decoder_steps").get(0);
        assertEquals(step0.get("max").asDouble(), logits[step0.get("argmax").asInt()], 1e-4);
    }

    @Test
    void sampledSequencesShareTheEncoderOutputAndAreReproducible() {
        LocalModel m = Fixtures.resourceLocalModel(Fixtures.T5, true);
        GenerationParams p = GenerationParams.builder().doSample(true).numReturnSequences(3).seed(11L)
                .maxNewTokens(12).build();
        GenerationResult a = m.generate("translate English to German: hello world", p, null);
        GenerationResult b = Fixtures.resourceLocalModel(Fixtures.T5, false)
                .generate("translate English to German: hello world", p, null);
        assertEquals(3, a.sequences().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(a.sequences().get(i).tokenIds(), b.sequences().get(i).tokenIds(), "sequence " + i);
            assertTrue(a.sequences().get(i).tokenIds().size() <= 12);
        }
    }

    @Test
    void idsWithoutEosGetItAppendedAsTheTokenizerWould() {
        JsonNode c = Fixtures.resourceJson(Fixtures.FLAN_T5, "reference.json").get("cases").get(1);
        int[] ids = Fixtures.ints(c.get("input_ids"));
        int[] withoutEos = java.util.Arrays.copyOf(ids, ids.length - 1);
        LocalModel m = Fixtures.resourceLocalModel(Fixtures.FLAN_T5, true);
        GenerationParams p = GenerationParams.builder().doSample(false).maxNewTokens(20).build();
        GenerationResult r = m.generate(withoutEos, p, null);
        assertEquals(c.get("greedy").get("text").asText(), r.text());
        assertEquals(ids.length, r.usage().promptTokens());
    }

    @Test
    void longEncoderInputsAreNotCutToTheNominalContext() {
        LocalModel m = Fixtures.resourceLocalModel(Fixtures.T5, true);
        String prompt = "the quick brown fox ".repeat(160);
        GenerationResult r = m.generate(prompt, GenerationParams.builder().doSample(false).maxNewTokens(2).build(),
                null);
        assertEquals(641, r.usage().promptTokens());
        assertEquals(2, r.sequences().get(0).tokenIds().size());
    }
}
