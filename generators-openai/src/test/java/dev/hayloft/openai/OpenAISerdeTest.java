package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.testing.Fixtures;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.Toolset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code toDict}/{@code fromDict} against the dicts in Haystack 2.19's own tests. */
class OpenAISerdeTest {
    record CalendarEvent(String event_name, String event_date, String event_location) {
    }

    private static final String HAYSTACK_PRINT = "haystack.components.generators.utils.print_streaming_chunk";
    private static final Map<String, String> TYPES = Map.of(
            "haystack.components.generators.chat.openai.OpenAIChatGenerator", OpenAIChatGenerator.class.getName(),
            "haystack.components.generators.openai.OpenAIGenerator", OpenAIGenerator.class.getName(),
            "haystack.tools.tool.Tool", Tool.TYPE,
            "haystack.tools.toolset.Toolset", Toolset.TYPE);

    /** Haystack's dict with Haystack type names replaced by ours. */
    @SuppressWarnings("unchecked")
    private static Object ours(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                Object val = e.getValue();
                m.put(e.getKey(), e.getKey().equals("type") && TYPES.containsKey(val) ? TYPES.get(val) : ours(val));
            }
            return m;
        }
        if (v instanceof List) {
            return ((List<Object>) v).stream().map(OpenAISerdeTest::ours).toList();
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
    void chatDefaultMatchesHaystack() {
        OpenAIChatGenerator g = OpenAIChatGenerator.builder().build();
        assertEquals(ours(Fixtures.dict("haystack/openai_chat_to_dict_default.json")), g.toDict());
    }

    @Test
    void chatWithParametersMatchesHaystack() {
        OpenAIChatGenerator g = OpenAIChatGenerator.builder()
                .apiKey(Secret.fromEnvVar("ENV_VAR"))
                .model("gpt-4o-mini")
                .streamingCallback(StreamingCallback.named(HAYSTACK_PRINT, StreamingCallback.printStreamingChunk()))
                .apiBaseUrl("test-base-url")
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "some_test_param", "test-params",
                        "response_format", StructuredOutput.of(CalendarEvent.class).responseFormat()))
                .tools(List.of(printTool()))
                .toolsStrict(true)
                .maxRetries(10)
                .timeout(Duration.ofSeconds(100))
                .httpClientKwargs(JsonValues.map("proxy", "http://example.com:8080", "verify", false))
                .build();
        Map<String, Object> expected = Fixtures.dict("haystack/openai_chat_to_dict_with_parameters.json");
        assertEquals(ours(expected), g.toDict());
        assertEquals(g.toDict(), registryWithPrint().fromDict(g.toDict()).toDict());
    }

    @Test
    void aRecordClassAsResponseFormatSerialisesLikeHaystacksPydanticModel() {
        OpenAIChatGenerator g = OpenAIChatGenerator.builder().apiKey(Secret.fromEnvVar("ENV_VAR"))
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "some_test_param", "test-params",
                        "response_format", CalendarEvent.class)).build();
        Map<?, ?> expected = (Map<?, ?>) ((Map<?, ?>) Fixtures.dict("haystack/openai_chat_to_dict_with_parameters.json")
                .get("init_parameters")).get("generation_kwargs");
        assertEquals(expected, ((Map<?, ?>) g.toDict().get("init_parameters")).get("generation_kwargs"));
        assertThrows(IllegalArgumentException.class, () -> OpenAIChatGenerator.builder()
                .generationKwargs(Map.of("response_format", String.class)).build());
    }

    @Test
    void chatJsonObjectMatchesHaystack() {
        OpenAIChatGenerator g = OpenAIChatGenerator.builder()
                .generationKwargs(Map.of("response_format", Map.of("type", "json_object"))).build();
        assertEquals(ours(Fixtures.dict("haystack/openai_chat_to_dict_json_object.json")), g.toDict());
    }

    @Test
    void haystacksChatDictLoadsThroughTheDefaultRegistry() {
        Map<String, Object> data = Fixtures.dict("haystack/openai_chat_from_dict.json");
        Component c = registryWithPrint().fromDict(data);
        OpenAIChatGenerator g = assertInstanceOf(OpenAIChatGenerator.class, c);
        assertEquals("gpt-4o-mini", g.model());
        assertEquals(HAYSTACK_PRINT, StreamingCallback.nameOf(g.streamingCallback()));
        assertEquals("test-base-url", g.clientOptions().apiBaseUrl());
        assertEquals(Map.of("max_completion_tokens", 10, "some_test_param", "test-params"), g.generationKwargs());
        assertEquals(Duration.ofSeconds(100), g.clientOptions().timeout());
        assertEquals(10, g.clientOptions().maxRetries());
        assertEquals(List.of("name"), g.tools().stream().flatMap(t -> t.tools().stream()).map(Tool::name).toList());
        assertTrue(g.toolsStrict());
        assertEquals(Map.of("proxy", "http://example.com:8080", "verify", false),
                g.toDict().get("init_parameters") instanceof Map<?, ?> m ? m.get("http_client_kwargs") : null);

        Map<String, Object> minimal = JsonValues.map("type", "haystack.components.generators.chat.OpenAIChatGenerator",
                "init_parameters", JsonValues.map("model", "gpt-4.1", "streaming_callback", HAYSTACK_PRINT));
        OpenAIChatGenerator viaShortName = OpenAIChatGenerator.fromDict(minimal);
        assertEquals("gpt-4.1", viaShortName.model());
    }

    @Test
    void missingKeyFailsAtWarmUpNotAtFromDict() {
        Map<String, Object> data = JsonValues.map("type", "haystack.components.generators.chat.openai.OpenAIChatGenerator",
                "init_parameters", JsonValues.map("api_key", JsonValues.map("type", "env_var",
                        "env_vars", List.of("HAYLOFT_TEST_SURELY_UNSET_VAR"), "strict", true)));
        OpenAIChatGenerator g = OpenAIChatGenerator.fromDict(data);
        assertThrows(AuthenticationException.class, g::warmUp);
    }

    @Test
    void chatRoundTripsWithToolsets() {
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder()
                .toolFunction("test.weather", args -> null).toolFunction("test.search", args -> null).build();
        OpenAIChatGenerator g = OpenAIChatGenerator.builder()
                .tools(List.of(Toolset.of(List.of(TestTools.weather())), Toolset.of(List.of(TestTools.search()))))
                .organization("org-1").build();
        Map<String, Object> dict = g.toDict();
        assertEquals(Toolset.TYPE, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) dict.get("init_parameters")).get("tools"))
                .get(0)).get("type"));
        OpenAIChatGenerator back = (OpenAIChatGenerator) registry.fromDict(dict);
        assertEquals(dict, back.toDict());
        assertInstanceOf(Toolset.class, back.tools().get(1));
    }

    @Test
    void textDefaultAndParametersMatchHaystack() {
        assertEquals(ours(Fixtures.dict("haystack/openai_to_dict_default.json")), OpenAIGenerator.builder().build()
                .toDict());
        OpenAIGenerator g = OpenAIGenerator.builder().apiKey(Secret.fromEnvVar("ENV_VAR")).model("gpt-4o-mini")
                .streamingCallback(StreamingCallback.named(HAYSTACK_PRINT, StreamingCallback.printStreamingChunk()))
                .apiBaseUrl("test-base-url").organization("org-1234567")
                .httpClientKwargs(Map.of("proxy", "http://localhost:8080"))
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "some_test_param", "test-params"))
                .build();
        assertEquals(ours(Fixtures.dict("haystack/openai_to_dict_with_parameters.json")), g.toDict());
        assertEquals(g.toDict(), ComponentRegistry.defaults().fromDict(g.toDict()).toDict());
    }

    @Test
    void haystacksTextDictLoads() {
        OpenAIGenerator g = assertInstanceOf(OpenAIGenerator.class,
                ComponentRegistry.defaults().fromDict(Fixtures.dict("haystack/openai_from_dict.json")));
        assertEquals("gpt-4o-mini", g.model());
        assertEquals(HAYSTACK_PRINT, StreamingCallback.nameOf(g.streamingCallback()));
        assertEquals(Fixtures.dict("haystack/openai_from_dict.json").get("init_parameters"),
                g.toDict().get("init_parameters"));
        assertEquals(Map.of("max_completion_tokens", 10, "some_test_param", "test-params"), g.generationKwargs());
        assertNull(g.systemPrompt());
        OpenAIGenerator withPrompt = OpenAIGenerator.fromDict(JsonValues.map("type",
                "haystack.components.generators.OpenAIGenerator", "init_parameters",
                JsonValues.map("system_prompt", "Be brief.", "timeout", 12.5, "max_retries", 1)));
        assertEquals("Be brief.", withPrompt.systemPrompt());
        assertEquals(Duration.ofMillis(12500), withPrompt.clientOptions().timeout());
    }

    @Test
    void secretsAndUnnamedCallbacksDoNotSerialise() {
        OpenAIChatGenerator token = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-secret-value")).build();
        assertThrows(SerializationException.class, token::toDict);
        assertFalse(token.toString().contains("sk-secret-value"), token.toString());
        OpenAIChatGenerator unnamed = OpenAIChatGenerator.builder().streamingCallback(c -> { }).build();
        SerializationException e = assertThrows(SerializationException.class, unnamed::toDict);
        assertTrue(e.getMessage().contains("StreamingCallback.named"), e.getMessage());
        OpenAIChatGenerator proxied = OpenAIChatGenerator.builder()
                .httpClientKwargs(Map.of("proxy", "http://user:hunter2@proxy.local:3128")).build();
        assertFalse(proxied.toString().contains("hunter2"), proxied.toString());
    }

    @Test
    void unknownInitParametersAndClientKwargsAreRefused() {
        Map<String, Object> unknown = JsonValues.map("type", OpenAIChatGenerator.class.getName(),
                "init_parameters", JsonValues.map("modle", "gpt-4o"));
        DeserializationException e = assertThrows(DeserializationException.class,
                () -> ComponentRegistry.defaults().fromDict(unknown));
        assertEquals("init_parameters.modle", e.path().orElse(null));
        Map<String, Object> badKwargs = JsonValues.map("type", OpenAIGenerator.class.getName(),
                "init_parameters", JsonValues.map("http_client_kwargs", Map.of("limits", 10)));
        DeserializationException e2 = assertThrows(DeserializationException.class,
                () -> ComponentRegistry.defaults().fromDict(badKwargs));
        assertTrue(e2.getMessage().contains("limits"), e2.getMessage());
    }
}
