package dev.hayloft.hf.local.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.generation.FinishReason;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad models and bad requests fail with clear messages naming the culprit. */
class LocalModelErrorsTest {
    private static final GenerationParams GREEDY = GenerationParams.builder().doSample(false).maxNewTokens(5).build();

    @TempDir
    Path dir;

    private static <T extends Throwable> T assertFails(Class<T> type, Executable action, String... fragments) {
        T e = assertThrows(type, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
        return e;
    }

    private Path storiesCopy() throws Exception {
        Path source = Fixtures.folder(Fixtures.STORIES);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        return dir;
    }

    @Test
    void missingFolder() {
        Path missing = dir.resolve("no-such-model");
        assertFails(ModelLoadException.class, () -> LocalModel.load(missing, LoadOptions.defaults()),
                missing.toString(), "does not exist");
    }

    @Test
    void missingConfig() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertFails(ModelLoadException.class, () -> LocalModel.load(dir, LoadOptions.defaults()),
                "Missing config.json");
    }

    @Test
    void unsupportedModelTypeListsTheSupportedOnes() throws Exception {
        Path folder = storiesCopy();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"model_type\": \"llama\"", "\"model_type\": \"bert\""));
        assertFails(ModelLoadException.class, () -> LocalModel.load(folder, LoadOptions.defaults()),
                "Unsupported model_type 'bert'", "llama", "mistral", "qwen2", "gpt2");
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() throws Exception {
        Path folder = storiesCopy();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\": 172", "\"intermediate_size\": 170"));
        assertFails(ModelLoadException.class, () -> LocalModel.load(folder, LoadOptions.defaults()),
                "model.layers.0.mlp.gate_proj.weight", "[172, 64]", "[170, 64]");
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Path folder = storiesCopy();
        var tensors = SafetensorsWriter.readF32(folder.resolve("model.safetensors"));
        tensors.remove("model.norm.weight");
        SafetensorsWriter.write(folder.resolve("model.safetensors"), List.copyOf(tensors.values()));
        assertFails(ModelLoadException.class, () -> LocalModel.load(folder, LoadOptions.defaults()),
                "Missing tensor 'model.norm.weight'", "[64]");
    }

    @Test
    void corruptSafetensorsHeaderNamesTheFile() throws Exception {
        Path folder = storiesCopy();
        Path weights = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        long headerLen = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        bytes[8 + (int) headerLen / 2] = '}'; // break the JSON in the middle
        Files.write(weights, bytes);
        assertFails(ModelLoadException.class, () -> LocalModel.load(folder, LoadOptions.defaults()),
                "Corrupt safetensors file", weights.toString());
    }

    @Test
    void unavailableDeviceIsReported() {
        assertFails(ModelLoadException.class, () -> LocalModel.load(Fixtures.folder(Fixtures.STORIES),
                LoadOptions.builder().device("cuda:7").build()), "cuda:7");
        assertFails(IllegalArgumentException.class, () -> LoadOptions.builder().device("tpu").build(), "tpu");
    }

    @Test
    void emptyPromptAndBadIdsAreRejected() {
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        assertFails(InvalidRequestException.class, () -> m.generate("", GREEDY, null), "prompt must not be empty");
        assertFails(InvalidRequestException.class, () -> m.generate(new int[0], GREEDY, null), "prompt");
        assertFails(InvalidRequestException.class, () -> m.generate(new int[] {1, 512}, GREEDY, null),
                "token id 512", "0..511");
    }

    @Test
    void invalidGenerationParamsNameTheField() {
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().maxNewTokens(0).build(),
                "max_new_tokens must be >= 1, got 0");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().topP(1.5).build(), "top_p");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().topP(0.0).build(), "top_p");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().topK(-1).build(), "top_k");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().temperature(-0.5).build(),
                "temperature");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().temperature(Double.NaN).build(),
                "temperature");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().repetitionPenalty(0.0).build(),
                "repetition_penalty");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().numReturnSequences(0).build(),
                "num_return_sequences");
        assertFails(InvalidRequestException.class, () -> GenerationParams.builder().stopWords(List.of("")).build(),
                "stop_words");
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        assertFails(InvalidRequestException.class, () -> m.generate("Hi",
                GenerationParams.builder().doSample(true).temperature(0.0).build(), null),
                "temperature must be > 0 when do_sample is true");
        assertFails(InvalidRequestException.class, () -> m.generate("Hi",
                GenerationParams.builder().doSample(false).numReturnSequences(2).build(), null),
                "num_return_sequences=2 requires do_sample=true");
        // temperature 0 is fine for greedy decoding
        assertEquals(FinishReason.LENGTH, m.generate("Hi", GREEDY.toBuilder().temperature(0.0).build(), null)
                .sequences().get(0).finishReason());
    }

    @Test
    void promptLongerThanTheContextWindowFailsByDefault() {
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        String prompt = "Once upon a time ".repeat(150);
        int tokens = m.encode(prompt, true).length;
        assertTrue(tokens > 512, "prompt has " + tokens + " tokens");
        ContextLengthExceededException e = assertFails(ContextLengthExceededException.class,
                () -> m.generate(prompt, GREEDY, null), "The prompt has " + tokens + " tokens", "512");
        assertFalse(e.isRetryable());
        assertEquals("local", e.provider());
    }

    @Test
    void promptLongerThanTheContextWindowIsTruncatedWhenConfigured() {
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        String prompt = "Once upon a time ".repeat(150);
        int[] ids = m.encode(prompt, true);
        GenerationResult r = m.generate(prompt, GREEDY.toBuilder().truncatePrompt(true).build(), null);
        assertTrue(r.promptTruncated());
        assertEquals(511, r.usage().promptTokens());
        // one token fits: the window, not max_new_tokens, ends the sequence
        assertEquals(1, r.sequences().get(0).tokenIds().size());
        assertEquals(FinishReason.LENGTH, r.sequences().get(0).finishReason());
        // truncation keeps BOS plus the rightmost tokens: same next token as feeding them directly
        int[] kept = new int[511];
        kept[0] = 1;
        System.arraycopy(ids, ids.length - 510, kept, 1, 510);
        GenerationResult direct = m.generate(kept, GREEDY, null);
        assertEquals(direct.sequences().get(0).tokenIds().get(0), r.sequences().get(0).tokenIds().get(0));
    }

    @Test
    void generationStopsAtTheContextWindow() {
        LocalModel m = Fixtures.model(Fixtures.STORIES);
        int[] ids = m.encode("Once upon a time ".repeat(150), true);
        int[] prompt = java.util.Arrays.copyOf(ids, 500);
        GenerationResult r = m.generate(prompt, GREEDY.toBuilder().maxNewTokens(100).build(), null);
        assertEquals(12, r.sequences().get(0).tokenIds().size());
        assertEquals(FinishReason.LENGTH, r.sequences().get(0).finishReason());
        assertEquals(512, r.usage().totalTokens());
    }

    @Test
    void maxContextLengthOptionCapsTheWindow() {
        try (LocalModel m = LocalModel.load(Fixtures.folder(Fixtures.STORIES),
                LoadOptions.builder().maxContextLength(8).build())) {
            assertEquals(8, m.info().contextLength());
            assertFails(ContextLengthExceededException.class,
                    () -> m.generate(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, GREEDY, null), "8 tokens");
            GenerationResult r = m.generate(new int[] {1, 403, 407, 261, 378}, GREEDY, null);
            assertEquals(3, r.usage().completionTokens());
        }
    }

    @Test
    void closedModelRefusesRequests() {
        LocalModel m = LocalModel.load(Fixtures.folder(Fixtures.STORIES), LoadOptions.defaults());
        m.close();
        m.close();
        assertFails(IllegalStateException.class, () -> m.generate("Hi", GREEDY, null), "closed");
    }
}
