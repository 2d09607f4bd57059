package dev.hayloft.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.azure.AzureOpenAIChatGenerator;
import dev.hayloft.azure.AzureTokenProvider;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import dev.hayloft.hf.api.HuggingFaceAPIChatGenerator;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import dev.hayloft.openai.OpenAIChatGenerator;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fallback pipeline written by Haystack 2.19 (ChatPromptBuilder → FallbackChatGenerator over
 * OpenAI, Azure OpenAI, a Hugging Face TGI server and a local model) loads into the right
 * objects, runs against loopback servers, and dumps back unchanged.
 */
class FallbackYamlTest {
    /** How the test points each nested generator (by position in chat_generators) at its loopback server. */
    private final List<BiConsumer<FallbackYamlTest, Map<String, Object>>> NESTED = List.of(
            (t, init) -> {
                init.put("api_base_url", t.openai.openAIBaseUrl());
                init.put("api_key", Secret.fromEnvVar(List.of("HAYLOFT_TEST_KEY", "HOME"), true).toDict());
            },
            (t, init) -> {
                init.put("azure_endpoint", t.azure.azureEndpoint());
                init.put("api_key", Secret.fromEnvVar(List.of("AZURE_OPENAI_API_KEY", "HOME"), false).toDict());
            },
            (t, init) -> init.put("api_params", Map.of("url", t.hfApi.azureEndpoint())),
            (t, init) -> { });

    private LoopbackLlm openai;
    private LoopbackLlm azure;
    private LoopbackLlm hfApi;

    @BeforeEach
    void start() {
        openai = new LoopbackLlm(r -> Reply.text("from openai"));
        azure = new LoopbackLlm(r -> Reply.text("from azure"));
        // TGI's Messages API answers /v1/chat/completions with the same chat.completion shapes
        hfApi = new LoopbackLlm(r -> Reply.text("from tgi"));
    }

    @AfterEach
    void stop() {
        openai.close();
        azure.close();
        hfApi.close();
    }

    private static String yaml() {
        return Recordings.resource("haystack/chat_prompt_fallback.yaml")
                .replace("{{model}}", SharedFixtures.require("models/stories260K").toString()) + "\n";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nested(Map<String, Object> init) {
        return (List<Map<String, Object>>) init.get("chat_generators");
    }

    @SuppressWarnings("unchecked")
    private PipelineSerializer loopback() {
        return PipelineSerializer.builder().callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                List<Map<String, Object>> gens = nested(init);
                for (int i = 0; i < gens.size(); i++) {
                    NESTED.get(i).accept(this, (Map<String, Object>) gens.get(i).get("init_parameters"));
                }
            }
        }).build();
    }

    private static void close(Pipeline p) {
        ((FallbackChatGenerator) p.getComponent("llm")).close();
    }

    @Test
    void haystacksYamlDumpsBackUnchanged() {
        String yaml = yaml();
        // Azure needs a credential when it is built and this process has no AZURE_OPENAI_API_KEY: a token
        // provider (registered under Haystack's default provider's name, as azure-identity is not on this
        // class path) stands in while loading and is written back as the file's null
        AzureTokenProvider stub = () -> "not-a-real-token";
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder()
                .function(AzureTokenProvider.HAYSTACK_DEFAULT, stub).build();
        Pipeline p = PipelineSerializer.builder().registry(registry).callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> az = (Map<String, Object>) nested(init).get(1).get("init_parameters");
                az.put("azure_ad_token_provider", AzureTokenProvider.HAYSTACK_DEFAULT);
            }
        }).build().loads(yaml);
        try {
            FallbackChatGenerator llm = assertInstanceOf(FallbackChatGenerator.class, p.getComponent("llm"));
            assertInstanceOf(OpenAIChatGenerator.class, llm.chatGenerators().get(0));
            assertInstanceOf(AzureOpenAIChatGenerator.class, llm.chatGenerators().get(1));
            assertInstanceOf(HuggingFaceAPIChatGenerator.class, llm.chatGenerators().get(2));
            assertInstanceOf(HuggingFaceLocalChatGenerator.class, llm.chatGenerators().get(3));
            String dumped = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p).replace(
                    "azure_ad_token_provider: haystack.utils.azure.default_azure_ad_token_provider",
                    "azure_ad_token_provider: null");
            assertEquals(yaml.substring(yaml.indexOf("components:")), dumped);
            PipelineSerializer ours = PipelineSerializer.builder().registry(registry).build();
            String first = ours.dumps(p);
            assertTrue(first.contains("type: dev.hayloft.fallback.FallbackChatGenerator"), first);
            Pipeline again = ours.loads(first);
            assertEquals(first, ours.dumps(again), "Hayloft's names round-trip too");
            close(again);
        } finally {
            close(p);
        }
    }

    @Test
    void eachGeneratorFailsOverToTheNext() {
        Pipeline p = loopback().loads(yaml());
        try {
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("noun", "time")));
            assertEquals("from openai", reply(out).text());
            assertEquals(0, out.get("llm").get("meta") instanceof Map
                    ? ((Map<?, ?>) out.get("llm").get("meta")).get("successful_chat_generator_index") : null);
            Map<String, Object> sent = openai.requests.get(0).body();
            assertEquals(16, sent.get("max_completion_tokens"));
            assertEquals(List.of(Map.of("role", "user", "content", "Once upon a time")), sent.get("messages"));

            openai.script(r -> Reply.error(503, Recordings.error("overloaded", "server_error", null)));
            out = p.run(Map.of("prompt_builder", Map.of("noun", "time")));
            assertEquals("from azure", reply(out).text());
            assertEquals("/openai/deployments/gpt-4o-mini/chat/completions", azure.requests.get(0).path());
            assertEquals("api-version=2024-10-21", azure.requests.get(0).query());

            azure.script(r -> Reply.error(429, Recordings.resource("llm/azure_error_429.json"), "retry-after", "1"));
            out = p.run(Map.of("prompt_builder", Map.of("noun", "time")));
            assertEquals("from tgi", reply(out).text());
            Map<String, Object> tgiSent = hfApi.requests.get(0).body();
            assertEquals("/v1/chat/completions", hfApi.requests.get(0).path());
            assertEquals(16, tgiSent.get("max_tokens"));
            assertEquals(List.of(Map.of("role", "user", "content", "Once upon a time")), tgiSent.get("messages"));

            // a 401 (the Hub's body for a bad token) is an auth failure: that generator is skipped
            hfApi.script(r -> Reply.error(401, "{\"error\":\"Invalid username or password.\"}"));
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            out = p.run(Map.of("prompt_builder", Map.of("noun", "time"),
                    "llm", Map.of("streaming_callback", (StreamingCallback) chunks::add)));
            ChatMessage local = reply(out);
            assertEquals(", there was a little girl", local.text(), "stories260K's greedy continuation");
            Map<?, ?> meta = (Map<?, ?>) out.get("llm").get("meta");
            assertEquals(3, meta.get("successful_chat_generator_index"));
            assertEquals("HuggingFaceLocalChatGenerator", meta.get("successful_chat_generator_class"));
            assertEquals(List.of("OpenAIChatGenerator", "AzureOpenAIChatGenerator", "HuggingFaceAPIChatGenerator"),
                    meta.get("failed_chat_generators"));
            assertEquals(4, meta.get("total_attempts"));
            StringBuilder streamed = new StringBuilder();
            chunks.forEach(c -> streamed.append(c.content()));
            assertEquals(local.text(), streamed.toString(), "only the local model's chunks were shown");
        } finally {
            close(p);
        }
    }

    @SuppressWarnings("unchecked")
    private static ChatMessage reply(Map<String, Map<String, Object>> out) {
        return ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
    }
}
