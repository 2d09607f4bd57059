package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.testing.Fixtures;
import dev.hayloft.core.tools.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code toDict}/{@code fromDict} against the dicts of Haystack 2.19's own tests, and the type-name aliases. */
class HfApiSerdeTest {
    private static final String CHAT = "haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator";
    private static final String TEXT = "haystack.components.generators.hugging_face_api.HuggingFaceAPIGenerator";

    record Weather(String city, double celsius) {
    }

    /** Haystack's dict with Haystack type names replaced by ours. */
    @SuppressWarnings("unchecked")
    private static Object ours(Object v) {
        Map<String, String> types = Map.of(CHAT, HuggingFaceAPIChatGenerator.class.getName(),
                TEXT, HuggingFaceAPIGenerator.class.getName(), "haystack.tools.tool.Tool", Tool.TYPE);
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<String, Object>) v).forEach((k, val) -> m.put(k, k.equals("type") && types.containsKey(val)
                    ? types.get(val) : ours(val)));
            return m;
        }
        if (v instanceof List) {
            return ((List<Object>) v).stream().map(HfApiSerdeTest::ours).toList();
        }
        return v;
    }

    private static ComponentRegistry registryWithPrint() {
        return ComponentRegistry.defaults().toBuilder().toolFunction("builtins.print", args -> null).build();
    }

    private static Tool printTool() {
        return Tool.builder().name("name").description("description").parameters(Map.of("x", Map.of("type", "string")))
                .function("builtins.print", args -> null).build();
    }

    @Test
    void chatDictMatchesHaystacksSerdeInPipeline() {
        HuggingFaceAPIChatGenerator g = HuggingFaceAPIChatGenerator.builder()
                .apiType(HFGenerationAPIType.SERVERLESS_INFERENCE_API)
                .apiParams(Map.of("model", "HuggingFaceH4/zephyr-7b-beta"))
                .token(Secret.fromEnvVar(List.of("ENV_VAR"), false))
                .generationKwargs(Map.of("temperature", 0.6)).stopWords(List.of("stop", "words"))
                .tools(List.of(printTool())).build();
        Map<String, Object> expected = Fixtures.dict("haystack/hf_api_chat_serde_in_pipeline.json");
        assertEquals(ours(expected), g.toDict());
        Component back = registryWithPrint().fromDict(expected);
        assertInstanceOf(HuggingFaceAPIChatGenerator.class, back);
        assertEquals(g.toDict(), back.toDict());
    }

    @Test
    void textDictMatchesHaystack() {
        HuggingFaceAPIGenerator g = HuggingFaceAPIGenerator.builder().apiType("serverless_inference_api")
                .apiParams(Map.of("model", "HuggingFaceH4/zephyr-7b-beta"))
                .generationKwargs(Map.of("temperature", 0.6)).stopWords(List.of("stop", "words")).build();
        Map<String, Object> expected = Fixtures.dict("haystack/hf_api_to_dict.json");
        assertEquals(ours(expected), g.toDict());
        HuggingFaceAPIGenerator back = HuggingFaceAPIGenerator.fromDict(expected);
        assertEquals(g.toDict(), back.toDict());   // the stop words are not appended twice
        assertEquals(List.of("stop", "words"), back.generationKwargs().get("stop_sequences"));
    }

    @Test
    void allHaystackNamesResolve() {
        Map<String, Object> init = Map.of("api_type", "text_generation_inference",
                "api_params", Map.of("url", "http://localhost:8080"));
        for (String name : List.of(CHAT, "haystack.components.generators.chat.HuggingFaceAPIChatGenerator",
                "haystack_integrations.components.generators.huggingface_api.chat.chat_generator"
                        + ".HuggingFaceAPIChatGenerator",
                "haystack_integrations.components.generators.huggingface_api.HuggingFaceAPIChatGenerator")) {
            assertInstanceOf(HuggingFaceAPIChatGenerator.class, ComponentRegistry.defaults().fromDict(
                    Map.of("type", name, "init_parameters", init)), name);
        }
        for (String name : List.of(TEXT, "haystack.components.generators.HuggingFaceAPIGenerator")) {
            assertInstanceOf(HuggingFaceAPIGenerator.class, ComponentRegistry.defaults().fromDict(
                    Map.of("type", name, "init_parameters", init)), name);
        }
        assertEquals(CHAT, ComponentRegistry.defaults().lookup(HuggingFaceAPIChatGenerator.class.getName())
                .orElseThrow().haystackName());
    }

    @Test
    void structuredOutputAndBackendRoundTrip() {
        HuggingFaceAPIChatGenerator g = HuggingFaceAPIChatGenerator.builder().apiType("text_generation_inference")
                .url("http://vllm:8000").backend(ServerBackend.VLLM).model("Qwen/Qwen2.5-7B-Instruct")
                .generationKwargs(ResponseFormat.of(Weather.class).generationKwargs()).build();
        Map<String, Object> dict = g.toDict();
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) dict.get("init_parameters");
        assertEquals(Map.of("url", "http://vllm:8000", "backend", "vllm", "model", "Qwen/Qwen2.5-7B-Instruct"),
                init.get("api_params"));
        @SuppressWarnings("unchecked")
        Map<String, Object> format = (Map<String, Object>) ((Map<String, Object>) init.get("generation_kwargs"))
                .get("response_format");
        assertEquals("json_schema", format.get("type"));
        assertEquals(dict, HuggingFaceAPIChatGenerator.fromDict(dict).toDict());
        HuggingFaceAPIGenerator text = HuggingFaceAPIGenerator.builder().apiType("text_generation_inference")
                .url("http://tgi:8080").generationKwargs(ResponseFormat.regex("[0-9]+").generationKwargs()).build();
        assertEquals(text.toDict(), HuggingFaceAPIGenerator.fromDict(text.toDict()).toDict());
    }

    @Test
    void noTokenSecretsAndUnknownKeys() {
        HuggingFaceAPIChatGenerator none = HuggingFaceAPIChatGenerator.builder().apiType("text_generation_inference")
                .url("http://localhost:8080").token(null).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) none.toDict().get("init_parameters");
        assertTrue(init.containsKey("token"));
        assertNull(init.get("token"));
        assertNull(HuggingFaceAPIChatGenerator.fromDict(none.toDict()).toDict().get("init_parameters") instanceof Map m
                ? m.get("token") : "x");
        HuggingFaceAPIChatGenerator inMemory = none.toBuilder().token(Secret.fromToken(Generators.TOKEN)).build();
        assertThrows(SerializationException.class, inMemory::toDict);
        assertTrue(!inMemory.toString().contains(Generators.TOKEN));
        Map<String, Object> bad = new LinkedHashMap<>(Map.of("api_type", "text_generation_inference",
                "api_params", Map.of("url", "http://localhost:8080"), "timeout", 3));
        assertThrows(DeserializationException.class, () -> ComponentRegistry.defaults().fromDict(
                Map.of("type", CHAT, "init_parameters", bad)));
        DeserializationException wrongType = assertThrows(DeserializationException.class, () -> ComponentRegistry
                .defaults().fromDict(Map.of("type", CHAT, "init_parameters", Map.of("api_type", "tgi",
                        "api_params", Map.of("url", "http://localhost:8080")))));
        assertTrue(wrongType.getMessage().contains("Unknown Hugging Face API type 'tgi'"), wrongType.getMessage());
    }
}
