package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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

/** Pipelines written by Haystack 2.19 load into the right Java objects, run on loopback, and dump back. */
class HaystackYamlPipelinesTest {
    private OpenAIMock server;

    @BeforeEach
    void start() {
        server = new OpenAIMock();
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

    /** Points the generator at the loopback server with a test key, as a deployment would with callbacks. */
    private PipelineSerializer loopback() {
        return PipelineSerializer.builder().callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                init.put("api_base_url", server.baseUrl());
                init.put("api_key", Secret.fromEnvVar(List.of("HAYLOFT_TEST_KEY", "HOME"), true).toDict());
            }
        }).build();
    }

    private static void assertDumpsBackUnchanged(String yaml) {
        String body = yaml.substring(yaml.indexOf("components:"));
        Pipeline p = PipelineSerializer.builder().build().loads(yaml);
        assertEquals(body, PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p));
        PipelineSerializer ours = PipelineSerializer.builder().build();
        String first = ours.dumps(p);
        assertEquals(first, ours.dumps(ours.loads(first)));
    }

    @Test
    void chatPromptBuilderToOpenAIChatGenerator() {
        String yaml = resource("chat_prompt_openai_chat.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        assertInstanceOf(OpenAIChatGenerator.class, p.getComponent("llm"));
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Paris")));
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("country", "France")));
        @SuppressWarnings("unchecked")
        ChatMessage reply = ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
        assertEquals("Paris", reply.text());
        Map<String, Object> body = server.lastBody();
        assertEquals("gpt-4o-mini", body.get("model"));
        assertEquals(0.0, ((Number) body.get("temperature")).doubleValue());
        assertEquals(16, body.get("max_completion_tokens"));
        assertEquals(List.of(Map.of("role", "system", "content", "You answer in one word."),
                Map.of("role", "user", "content", "What is the capital of France?")), body.get("messages"));
        ((OpenAIChatGenerator) p.getComponent("llm")).close();
    }

    @Test
    void promptBuilderToOpenAIGeneratorToAnswerBuilder() {
        String yaml = resource("prompt_openai_answer.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        assertInstanceOf(OpenAIGenerator.class, p.getComponent("llm"));
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Forty-two.")));
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("query", "The answer?"),
                "answer_builder", Map.of("query", "The answer?")));
        @SuppressWarnings("unchecked")
        GeneratedAnswer a = ((List<GeneratedAnswer>) out.get("answer_builder").get("answers")).get(0);
        assertEquals("Forty-two.", a.data());
        assertEquals("The answer?", a.query());
        assertEquals("gpt-4o-mini-2024-07-18", a.meta().get("model")); // the model the server reports
        Map<String, Object> body = server.lastBody();
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Answer the question.\nQuestion: The answer?\nAnswer:")),
                body.get("messages"));
        assertEquals(32, body.get("max_tokens"));
        ((OpenAIGenerator) p.getComponent("llm")).close();
    }
}
