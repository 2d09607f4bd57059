package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.testing.Fixtures;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Toolset;
import dev.hayloft.serialization.PipelineSerializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** toDict / fromDict against the dicts Haystack 2.19's own tests expect, and YAML round trips. */
class AzureSerdeTest {
    record CalendarEvent(String event_name, String event_date, String event_location) {
    }

    private static final String ENDPOINT = "https://some-non-existing-endpoint.openai.azure.com/";
    private static final String HAYSTACK_PRINT = "haystack.components.generators.utils.print_streaming_chunk";
    private static final Function<String, String> ENV = Map.of("AZURE_OPENAI_API_KEY", "test-api-key",
            "ENV_VAR", "test-api-key")::get;
    private static final Map<String, String> TYPES = Map.of(
            "haystack.components.generators.chat.azure.AzureOpenAIChatGenerator", AzureOpenAIChatGenerator.class.getName(),
            "haystack.components.generators.azure.AzureOpenAIGenerator", AzureOpenAIGenerator.class.getName(),
            "haystack.tools.tool.Tool", Tool.TYPE, "haystack.tools.toolset.Toolset", Toolset.TYPE);

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
            return ((List<Object>) v).stream().map(AzureSerdeTest::ours).toList();
        }
        return v;
    }

    /**
     * A registry with a token provider, for dicts loaded through the process environment (where
     * no AZURE_OPENAI_API_KEY is set; Haystack's tests monkeypatch it): see {@link #withTestTokens}.
     */
    private static final ComponentRegistry TEST_REGISTRY = ComponentRegistry.defaults().toBuilder()
            .function("test.tokens", AzureTokenProvider.named("test.tokens", () -> "test-token"))
            .toolFunction("builtins.print", args -> null).toolFunction("myapp.weather", args -> "sunny").build();

    /** {@code dict} with the test token provider added, so that building finds a credential. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withTestTokens(Map<String, Object> dict) {
        Map<String, Object> copy = JsonValues.mutableMap(dict);
        ((Map<String, Object>) copy.get("init_parameters")).put("azure_ad_token_provider", "test.tokens");
        return copy;
    }

    private static StreamingCallback haystackPrint() {
        return StreamingCallback.named(HAYSTACK_PRINT, StreamingCallback.printStreamingChunk());
    }

    @Test
    void generatorDefaultMatchesHaystack() {
        AzureOpenAIGenerator g = AzureOpenAIGenerator.builder().azureEndpoint(ENDPOINT).environment(ENV).build();
        assertEquals(ours(Fixtures.dict("haystack/azure_to_dict_default.json")), g.toDict());
        assertEquals("gpt-4o-mini", g.azureDeployment());
        assertEquals(Duration.ofSeconds(30), g.timeout());
        assertEquals(5, g.maxRetries());
    }

    @Test
    void generatorWithParametersMatchesHaystack() {
        AzureOpenAIGenerator g = AzureOpenAIGenerator.builder()
                .apiKey(Secret.fromEnvVar(List.of("ENV_VAR"), false))
                .azureAdToken(Secret.fromEnvVar(List.of("ENV_VAR1"), false))
                .azureEndpoint(ENDPOINT)
                .streamingCallback(haystackPrint())
                .timeout(Duration.ofMillis(3500))
                .maxRetries(10)
                .httpClientKwargs(Map.of("proxy", "http://localhost:8080"))
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "some_test_param", "test-params"))
                .azureAdTokenProvider(AzureIdentityTokenProvider.defaultCredential())
                .environment(ENV)
                .build();
        Map<String, Object> expected = Fixtures.dict("haystack/azure_to_dict_with_parameters.json");
        assertEquals(ours(expected), g.toDict());
        // and Haystack's own dict loads back to the same generator
        assertEquals(g.toDict(), ComponentRegistry.defaults().fromDict(expected).toDict());
    }

    @Test
    void chatDefaultMatchesHaystack() {
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).environment(ENV)
                .build();
        assertEquals(ours(Fixtures.dict("haystack/azure_chat_to_dict_default.json")), g.toDict());
    }

    @Test
    void chatWithParametersMatchesHaystack() {
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder()
                .apiKey(Secret.fromEnvVar(List.of("ENV_VAR"), false))
                .azureAdToken(Secret.fromEnvVar(List.of("ENV_VAR1"), false))
                .azureEndpoint(ENDPOINT)
                .streamingCallback(haystackPrint())
                .timeout(Duration.ofMillis(2500))
                .maxRetries(10)
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "some_test_param", "test-params",
                        "response_format", CalendarEvent.class))
                .azureAdTokenProvider(AzureIdentityTokenProvider.defaultCredential())
                .httpClientKwargs(Map.of("proxy", "http://localhost:8080"))
                .environment(ENV)
                .build();
        Map<String, Object> expected = Fixtures.dict("haystack/azure_chat_to_dict_with_parameters.json");
        assertEquals(ours(expected), g.toDict());
        assertEquals(g.toDict(), ComponentRegistry.defaults().fromDict(expected).toDict());
    }

    @Test
    void haystacksChatFromDictLoads() {
        AzureOpenAIChatGenerator g = assertInstanceOf(AzureOpenAIChatGenerator.class,
                TEST_REGISTRY.fromDict(withTestTokens(Fixtures.dict("haystack/azure_chat_from_dict.json"))));
        assertEquals(ENDPOINT, g.azureEndpoint());
        assertEquals("2023-05-15", g.apiVersion());
        assertEquals("gpt-4o-mini", g.azureDeployment());
        assertNull(g.streamingCallback());
        assertEquals(Map.of(), g.generationKwargs());
        assertEquals(Duration.ofSeconds(30), g.timeout());
        assertEquals(5, g.maxRetries());
        assertEquals(List.of("name"), g.tools().stream().flatMap(t -> t.tools().stream()).map(Tool::name).toList());
        assertFalse(g.toolsStrict());
        Map<?, ?> init = (Map<?, ?>) g.toDict().get("init_parameters");
        assertEquals(Map.of("type", "env_var", "env_vars", List.of("AZURE_OPENAI_API_KEY"), "strict", false),
                init.get("api_key"));
        assertEquals(Map.of(), init.get("default_headers"));
        assertNull(init.get("http_client_kwargs"));
    }

    @Test
    void shortHaystackImportPathsResolveToo() {
        Map<String, Object> chat = JsonValues.map("type", "haystack.components.generators.chat.AzureOpenAIChatGenerator",
                "init_parameters", JsonValues.map("azure_endpoint", ENDPOINT, "api_key", null,
                        "azure_ad_token", null, "azure_ad_token_provider", AzureTokenProvider.HAYSTACK_DEFAULT));
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.fromDict(chat);
        assertEquals(AzureTokenProvider.HAYSTACK_DEFAULT,
                ((Map<?, ?>) g.toDict().get("init_parameters")).get("azure_ad_token_provider"));
        assertNull(((Map<?, ?>) g.toDict().get("init_parameters")).get("api_key"));
        Map<String, Object> text = JsonValues.map("type", "haystack.components.generators.AzureOpenAIGenerator",
                "init_parameters", JsonValues.map("azure_endpoint", ENDPOINT, "azure_ad_token_provider",
                        AzureTokenProvider.HAYSTACK_DEFAULT));
        assertInstanceOf(AzureOpenAIGenerator.class, ComponentRegistry.defaults().fromDict(text));
    }

    @Test
    void aToolsetRoundTrips() {
        Tool weather = Tool.builder().name("weather").description("useful to determine the weather")
                .parameters(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))
                .function("myapp.weather", args -> "sunny").build();
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .azureAdTokenProvider(AzureTokenProvider.named("test.tokens", () -> "t"))
                .tools(List.of(Toolset.of(List.of(weather)))).environment(ENV).build();
        AzureOpenAIChatGenerator back = assertInstanceOf(AzureOpenAIChatGenerator.class,
                TEST_REGISTRY.fromDict(g.toDict()));
        ToolSource source = back.tools().get(0);
        assertInstanceOf(Toolset.class, source);
        assertEquals(g.toDict(), back.toDict());
    }

    @Test
    void namedTokenProvidersRoundTripThroughTheRegistry() {
        AzureTokenProvider mine = AzureTokenProvider.named("myapp.tokens", () -> "t");
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).apiKey(null)
                .azureAdToken(null).azureAdTokenProvider(mine).environment(ENV).build();
        Map<String, Object> dict = g.toDict();
        assertEquals("myapp.tokens", ((Map<?, ?>) dict.get("init_parameters")).get("azure_ad_token_provider"));
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder().function("myapp.tokens", mine).build();
        assertEquals(dict, registry.fromDict(dict).toDict());
        DeserializationException e = assertThrows(DeserializationException.class,
                () -> ComponentRegistry.defaults().fromDict(dict));
        assertTrue(e.getMessage().contains("azure_ad_token_provider"), e.getMessage());
        assertTrue(e.getMessage().contains("myapp.tokens"), e.getMessage());
    }

    @Test
    void unnamedProvidersAndTokenSecretsRefuseToSerialise() {
        AzureOpenAIChatGenerator unnamed = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .azureAdTokenProvider(() -> "t").environment(ENV).build();
        assertThrows(SerializationException.class, unnamed::toDict);
        AzureOpenAIChatGenerator token = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .apiKey(Secret.fromToken("sk-azure-in-memory-123456")).environment(ENV).build();
        SerializationException e = assertThrows(SerializationException.class, token::toDict);
        assertFalse(e.getMessage().contains("sk-azure-in-memory-123456"));
        assertFalse(token.toString().contains("sk-azure-in-memory-123456"), token.toString());
    }

    @Test
    void unknownInitParametersAreRefused() {
        Map<String, Object> data = JsonValues.map("type", AzureOpenAIChatGenerator.class.getName(), "init_parameters",
                JsonValues.map("azure_endpoint", ENDPOINT, "model", "gpt-4o"));
        DeserializationException e = assertThrows(DeserializationException.class,
                () -> ComponentRegistry.defaults().fromDict(data));
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void aPipelineRoundTripsThroughYaml() {
        Pipeline p = new Pipeline();
        p.addComponent("generator", AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .azureAdTokenProvider(AzureIdentityTokenProvider.defaultCredential()).environment(ENV).build());
        p.addComponent("text", AzureOpenAIGenerator.builder().azureEndpoint(ENDPOINT).azureDeployment("my-gpt")
                .systemPrompt("Be brief.").azureAdTokenProvider(AzureIdentityTokenProvider.defaultCredential())
                .environment(ENV).build());
        PipelineSerializer yaml = PipelineSerializer.builder().build();
        String dumped = yaml.dumps(p);
        Pipeline q = yaml.loads(dumped);
        assertEquals(p.toDict(), q.toDict());
        assertEquals(dumped, yaml.dumps(q));
    }
}
