package dev.hayloft.hf.local.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    @TempDir
    Path dir;

    private ModelConfig readJson(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
        return ConfigReader.read(dir);
    }

    @Test
    void storiesLlamaConfig() {
        ModelConfig c = ConfigReader.read(Fixtures.folder(Fixtures.STORIES));
        assertEquals("llama", c.modelType());
        assertEquals(512, c.vocabSize());
        assertEquals(64, c.hiddenSize());
        assertEquals(5, c.numLayers());
        assertEquals(8, c.numHeads());
        assertEquals(4, c.numKvHeads());
        assertEquals(8, c.headDim());
        assertEquals(172, c.intermediateSize());
        assertEquals(512, c.maxPositions());
        assertEquals(1e-5, c.normEps());
        assertEquals(10000.0, c.ropeTheta());
        assertNull(c.ropeScaling());
        assertTrue(c.tieWordEmbeddings());
        assertFalse(c.qkvBias());
        assertFalse(c.outputBias());
        assertEquals(List.of(2), c.eosTokenIds());
    }

    @Test
    void qwen2ConfigHasQkvBiasButNoOutputBias() {
        ModelConfig c = ConfigReader.read(Fixtures.folder(Fixtures.QWEN2));
        assertEquals("qwen2", c.modelType());
        assertTrue(c.qkvBias());
        assertFalse(c.outputBias());
        assertEquals(2, c.numKvHeads());
        assertEquals(8, c.headDim());
        assertEquals(1_000_000.0, c.ropeTheta());
        assertEquals(1e-6, c.normEps());
        assertEquals(32768, c.maxPositions());
        assertNull(c.slidingWindow(), "use_sliding_window is false");
        assertTrue(c.tieWordEmbeddings());
    }

    @Test
    void gpt2ConfigFieldNames() {
        ModelConfig c = ConfigReader.read(Fixtures.folder(Fixtures.GPT2));
        assertEquals("gpt2", c.modelType());
        assertEquals(32, c.hiddenSize());
        assertEquals(2, c.numLayers());
        assertEquals(4, c.numHeads());
        assertEquals(4, c.numKvHeads());
        assertEquals(8, c.headDim());
        assertEquals(128, c.intermediateSize(), "n_inner null -> 4 * n_embd");
        assertEquals(1024, c.maxPositions());
        assertEquals(1e-5, c.normEps());
        assertEquals("gelu_new", c.activation());
        assertTrue(c.tieWordEmbeddings());
        assertTrue(c.scaleAttnWeights());
        assertFalse(c.attnScaleByLayer());
        assertEquals(List.of(50256), c.eosTokenIds());
    }

    @Test
    void gpt2ExplicitInnerAndLayerScaling() throws Exception {
        ModelConfig c = readJson("{\"model_type\":\"gpt2\",\"vocab_size\":10,\"n_embd\":16,\"n_layer\":1,\"n_head\":2,"
                + "\"n_inner\":40,\"n_positions\":64,\"layer_norm_epsilon\":1e-6,\"activation_function\":\"gelu\","
                + "\"scale_attn_by_inverse_layer_idx\":true}");
        assertEquals(40, c.intermediateSize());
        assertEquals(64, c.maxPositions());
        assertEquals(1e-6, c.normEps());
        assertEquals("gelu", c.activation());
        assertTrue(c.attnScaleByLayer());
    }

    @Test
    void llama3RopeScalingAndExplicitHeadDim() throws Exception {
        ModelConfig c = readJson("{\"model_type\":\"llama\",\"vocab_size\":128256,\"hidden_size\":2048,"
                + "\"intermediate_size\":8192,\"num_hidden_layers\":16,\"num_attention_heads\":32,"
                + "\"num_key_value_heads\":8,\"head_dim\":64,\"max_position_embeddings\":131072,"
                + "\"rms_norm_eps\":1e-05,\"rope_theta\":500000.0,\"tie_word_embeddings\":true,"
                + "\"rope_scaling\":{\"factor\":32.0,\"high_freq_factor\":4.0,\"low_freq_factor\":1.0,"
                + "\"original_max_position_embeddings\":8192,\"rope_type\":\"llama3\"},"
                + "\"eos_token_id\":[128001,128008,128009]}");
        assertEquals(new RopeScaling("llama3", 32.0, 1.0, 4.0, 8192), c.ropeScaling());
        assertEquals(64, c.headDim());
        assertEquals(8, c.numKvHeads());
        assertEquals(131072, c.maxPositions());
        assertEquals(List.of(128001, 128008, 128009), c.eosTokenIds());
    }

    @Test
    void mistralSlidingWindowAndHeadDimDifferentFromHiddenOverHeads() throws Exception {
        ModelConfig c = readJson("{\"model_type\":\"mistral\",\"vocab_size\":131072,\"hidden_size\":5120,"
                + "\"intermediate_size\":14336,\"num_hidden_layers\":40,\"num_attention_heads\":32,"
                + "\"num_key_value_heads\":8,\"head_dim\":128,\"sliding_window\":4096,"
                + "\"rope_scaling\":null,\"max_position_embeddings\":1024000}");
        assertEquals(128, c.headDim());
        assertEquals(4096, c.slidingWindow());
        assertFalse(c.tieWordEmbeddings(), "llama-family default");
        assertEquals(1e-6, c.normEps(), "transformers default");
    }

    @Test
    void flanT5BaseConfigWithTransformersDefaults() throws Exception {
        String json = "{\"model_type\":\"t5\",\"vocab_size\":32128,\"d_model\":768,\"d_kv\":64,\"d_ff\":2048,"
                + "\"num_layers\":12,\"num_heads\":12,\"feed_forward_proj\":\"gated-gelu\","
                + "\"tie_word_embeddings\":false,\"decoder_start_token_id\":0,\"eos_token_id\":1,\"pad_token_id\":0}";
        ModelConfig c = readJson(json);
        assertEquals("t5", c.modelType());
        assertEquals(768, c.hiddenSize());
        assertEquals(64, c.headDim());
        assertEquals(2048, c.intermediateSize());
        assertEquals("gelu_new", c.activation());
        assertEquals(512, c.maxPositions(), "n_positions default");
        assertFalse(c.tieWordEmbeddings());
        T5Config t5 = T5Config.read(dir); // the config.json readJson just wrote
        assertEquals(12, t5.numDecoderLayers(), "num_decoder_layers defaults to num_layers");
        assertEquals(32, t5.numBuckets());
        assertEquals(128, t5.maxDistance());
        assertTrue(t5.gated());
        assertEquals(0, t5.decoderStartTokenId());
        ModelConfig v10 = readJson("{\"model_type\":\"t5\",\"vocab_size\":32128,\"d_model\":512,\"d_kv\":64,"
                + "\"d_ff\":2048,\"num_layers\":6,\"num_heads\":8}");
        assertEquals("relu", v10.activation());
        assertTrue(v10.tieWordEmbeddings(), "t5 default: tied");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> readJson(json.replace("gated-gelu",
                "gated-gelu-x")));
        assertTrue(e.getMessage().contains("feed_forward_proj"), e.getMessage());
    }

    @Test
    void badConfigsNameTheField() throws Exception {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"llama\"}"));
        assertTrue(e.getMessage().contains("'hidden_size'"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"llama\",\"vocab_size\":8,"
                + "\"hidden_size\":8,\"intermediate_size\":8,\"num_hidden_layers\":1,\"num_attention_heads\":2,"
                + "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4.0}}"));
        assertTrue(e.getMessage().contains("rope_scaling type 'yarn' is not supported"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"llama\",\"vocab_size\":8,"
                + "\"hidden_size\":8,\"intermediate_size\":8,\"num_hidden_layers\":1,\"num_attention_heads\":2,"
                + "\"num_key_value_heads\":3}"));
        assertTrue(e.getMessage().contains("num_key_value_heads"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"llama\",\"vocab_size\":\"8\","
                + "\"hidden_size\":8,\"intermediate_size\":8,\"num_hidden_layers\":1,\"num_attention_heads\":2}"));
        assertTrue(e.getMessage().contains("'vocab_size' must be an integer"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"bart\"}"));
        assertTrue(e.getMessage().contains("Unsupported model_type 'bart'"), e.getMessage());
        assertTrue(e.getMessage().contains(ConfigReader.SUPPORTED_MODEL_TYPES.toString()), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{\"model_type\":\"t5\"}"));
        assertTrue(e.getMessage().contains("'num_layers'"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> readJson("{not json"));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void generationConfigEosAsIntOrList() {
        GenerationDefaults stories = GenerationDefaults.read(Fixtures.folder(Fixtures.STORIES));
        assertEquals(List.of(2, 1), stories.eosTokenIds());
        assertEquals(true, stories.doSample());
        assertEquals(1.0, stories.temperature());
        assertEquals(0.9, stories.topP());
        assertEquals(512, stories.maxLength());
        assertNull(stories.topK());
        GenerationDefaults gpt2 = GenerationDefaults.read(Fixtures.folder(Fixtures.GPT2));
        assertEquals(List.of(50256), gpt2.eosTokenIds());
        assertEquals(50256, gpt2.bosTokenId());
        assertNull(gpt2.doSample());
        GenerationDefaults qwen = GenerationDefaults.read(Fixtures.folder(Fixtures.QWEN2));
        assertEquals(151643, qwen.padTokenId());
        assertEquals(GenerationDefaults.none(), GenerationDefaults.read(dir));
    }

    @Test
    void tokenizerSettingsReadSpecialTokensAndTemplates() throws Exception {
        TokenizerSettings stories = TokenizerSettings.read(Fixtures.folder(Fixtures.STORIES));
        assertEquals(Boolean.TRUE, stories.addBosToken());
        assertEquals(Boolean.FALSE, stories.addEosToken());
        assertEquals("<s>", stories.bosToken());
        assertEquals("</s>", stories.eosToken());
        assertNull(stories.padToken());
        assertEquals(512, stories.modelMaxLength());
        assertTrue(stories.chatTemplate().startsWith("{{ bos_token }}"));

        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\":{\"content\":\"<|begin|>\","
                + "\"lstrip\":false},\"model_max_length\":1e30,\"chat_template\":[{\"name\":\"default\","
                + "\"template\":\"A\"},{\"name\":\"tool_use\",\"template\":\"B\"}]}");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"eos_token\":\"<|end|>\"}");
        TokenizerSettings t = TokenizerSettings.read(dir);
        assertEquals("<|begin|>", t.bosToken());
        assertEquals("<|end|>", t.eosToken());
        assertNull(t.modelMaxLength());
        assertEquals("A", t.chatTemplate());
        assertEquals(Map.of("default", "A", "tool_use", "B"), t.namedChatTemplates());
        assertNull(t.addBosToken());

        Files.writeString(dir.resolve("chat_template.jinja"), "C");
        assertEquals("C", TokenizerSettings.read(dir).chatTemplate());
    }
}
