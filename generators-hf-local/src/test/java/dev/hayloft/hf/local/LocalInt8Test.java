package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * INT8 weight-only mode through the components: {@code huggingface_pipeline_kwargs.model_kwargs
 * .quantization} turns it on, survives {@code toDict}/{@code fromDict}, generates the greedy
 * story float32 generates on stories260K, and a bad value is refused by name.
 */
class LocalInt8Test {

    private static Map<String, Object> pipelineKwargs(Object quantization) {
        return Map.of("model", StoriesModel.folder().toString(), "task", "text-generation",
                "model_kwargs", Map.of("quantization", quantization));
    }

    private static String story(HuggingFaceLocalGenerator g) {
        g.warmUp();
        return g.run("Once upon a time").replies().get(0);
    }

    @Test
    void int8GeneratesFloat32sGreedyStoryAndRoundTrips() {
        Map<String, Object> greedy = Map.of("max_new_tokens", 16, "do_sample", false);
        try (HuggingFaceLocalGenerator f32 = HuggingFaceLocalGenerator.builder()
                .huggingfacePipelineKwargs(Map.of("model", StoriesModel.folder().toString(), "task", "text-generation"))
                .generationKwargs(greedy).build();
             HuggingFaceLocalGenerator int8 = HuggingFaceLocalGenerator.builder()
                     .huggingfacePipelineKwargs(pipelineKwargs("int8")).generationKwargs(greedy).build()) {
            String expected = story(f32);
            assertTrue(expected.length() > 20, expected);
            assertEquals(expected, story(int8), "16 greedy tokens of stories260K agree (see Int8QualityTest)");
            Map<String, Object> dict = int8.toDict();
            @SuppressWarnings("unchecked")
            Map<String, Object> pk = (Map<String, Object>) ((Map<String, Object>) dict.get("init_parameters"))
                    .get("huggingface_pipeline_kwargs");
            assertEquals(Map.of("quantization", "int8"), pk.get("model_kwargs"));
            try (HuggingFaceLocalGenerator again = HuggingFaceLocalGenerator.fromDict(dict)) {
                assertEquals(dict, again.toDict());
            }
        }
    }

    @Test
    void encoderDecoderModelsRefuseInt8ByName() {
        try (HuggingFaceLocalGenerator t5 = HuggingFaceLocalGenerator.builder().huggingfacePipelineKwargs(Map.of(
                "model", Fixtures.resourceModel(Fixtures.T5).toString(), "task", "text2text-generation",
                "model_kwargs", Map.of("quantization", "int8"))).build()) {
            ModelLoadException e = assertThrows(ModelLoadException.class, t5::warmUp);
            assertTrue(e.getMessage().contains("model_kwargs.quantization int8 is not supported for encoder-decoder"),
                    e.getMessage());
        }
    }

    @Test
    void quantizationValuesAreValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceLocalGenerator.builder().huggingfacePipelineKwargs(pipelineKwargs("int4")).build());
        assertTrue(e.getMessage().contains("model_kwargs.quantization"), e.getMessage());
        assertTrue(e.getMessage().contains("int4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceLocalChatGenerator.builder().huggingfacePipelineKwargs(pipelineKwargs(8)).build());
        assertTrue(e.getMessage().contains("model_kwargs.quantization"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceLocalGenerator.builder()
                .huggingfacePipelineKwargs(Map.of("model", "m", "model_kwargs", List.of("int8"))).build());
        assertTrue(e.getMessage().contains("model_kwargs must be a map"), e.getMessage());
        assertNotEquals(null, HuggingFaceLocalGenerator.builder().huggingfacePipelineKwargs(pipelineKwargs("none"))
                .build().toDict());
    }
}
