package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure pipelines written by Haystack 2.19 load into the right Java objects, run on loopback, and dump back. */
class HaystackYamlPipelinesTest {
    private AzureMock server;

    @BeforeEach
    void start() {
        server = new AzureMock();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String resource(String name) {
        try (InputStream in = HaystackYamlPipelinesTest.class.getResourceAsStream("/haystack/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Points the generator at the loopback server, as a deployment would with callbacks. The
     * key secret is swapped for one that resolves here (HOME is always set; tests cannot set
     * AZURE_OPENAI_API_KEY in their own process).
     */
    private PipelineSerializer loopback() {
        return PipelineSerializer.builder().callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                init.put("azure_endpoint", server.endpoint());
                init.put("api_key", Secret.fromEnvVar(List.of("AZURE_OPENAI_API_KEY", "HOME"), false).toDict());
            }
        }).build();
    }

    /**
     * Haystack's YAML dumps back unchanged with Haystack's type names. Loading needs a credential
     * at build time, and this process has no AZURE_OPENAI_API_KEY: a token provider stands in
     * while loading and is written back as the file's {@code null}.
     */
    private static void assertDumpsBackUnchanged(String yaml) {
        String body = yaml.substring(yaml.indexOf("components:"));
        Pipeline p = PipelineSerializer.builder().callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                init.put("azure_ad_token_provider", "haystack.utils.azure.default_azure_ad_token_provider");
            }
        }).build().loads(yaml);
        String dumped = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p);
        assertEquals(body, dumped.replace("azure_ad_token_provider: haystack.utils.azure.default_azure_ad_token_provider",
                "azure_ad_token_provider: null"));
    }

    @Test
    void chatPromptBuilderToAzureOpenAIChatGenerator() {
        String yaml = resource("chat_prompt_azure_chat.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        AzureOpenAIChatGenerator llm = assertInstanceOf(AzureOpenAIChatGenerator.class, p.getComponent("llm"));
        try (llm) {
            server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("country", "France")));
            @SuppressWarnings("unchecked")
            ChatMessage reply = ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
            assertEquals("Natural Language Processing is a branch of AI about human language.", reply.text());
        }
        LoggedRequest r = server.last();
        assertEquals("/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21", r.getUrl());
        assertEquals(System.getenv("HOME"), r.getHeader("api-key"));
        Map<String, Object> body = server.lastBody();
        assertEquals("gpt-4o-mini", body.get("model"));
        assertEquals(0.0, ((Number) body.get("temperature")).doubleValue());
        assertEquals(16, body.get("max_completion_tokens"));
        assertEquals(List.of(Map.of("role", "system", "content", "You answer in one word."),
                Map.of("role", "user", "content", "What is the capital of France?")), body.get("messages"));
    }

    @Test
    void promptBuilderToAzureOpenAIGeneratorToAnswerBuilder() {
        String yaml = resource("prompt_azure_answer.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        AzureOpenAIGenerator llm = assertInstanceOf(AzureOpenAIGenerator.class, p.getComponent("llm"));
        GeneratedAnswer a;
        try (llm) {
            server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("query", "What's NLP?"),
                    "answer_builder", Map.of("query", "What's NLP?")));
            @SuppressWarnings("unchecked")
            List<GeneratedAnswer> answers = (List<GeneratedAnswer>) out.get("answer_builder").get("answers");
            a = answers.get(0);
        }
        assertEquals("Natural Language Processing is a branch of AI about human language.", a.data());
        assertEquals("gpt-4o-mini-2024-07-18", a.meta().get("model"));
        assertEquals("/openai/deployments/my-gpt-4o/chat/completions?api-version=2023-05-15", server.last().getUrl());
        Map<String, Object> body = server.lastBody();
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Answer the question.\nQuestion: What's NLP?\nAnswer:")),
                body.get("messages"));
        assertEquals(32, body.get("max_tokens"));
    }
}
