package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines in the YAML Haystack 2.19 dumps (PyYAML 6, keys sorted) load into the Hugging Face
 * generators, run against the loopback server (recorded TGI replies) and dump back unchanged.
 */
class HaystackYamlPipelinesTest {
    private HfMock server;

    @BeforeEach
    void start() {
        server = new HfMock();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Points the generator at the loopback server, as a deployment would with callbacks. */
    private PipelineSerializer loopback() {
        return PipelineSerializer.builder().callbacks((name, type, init) -> {
            if (name.equals("llm")) {
                init.put("api_params", Map.of("url", server.url()));
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
    void chatPromptBuilderToHuggingFaceAPIChatGenerator() {
        String yaml = HfMock.resource("haystack/chat_prompt_hf_api_chat.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        HuggingFaceAPIChatGenerator llm = assertInstanceOf(HuggingFaceAPIChatGenerator.class, p.getComponent("llm"));
        server.enqueue(HfMock.CHAT, HfMock.json(HfMock.resource("hub/chat_completion_zephyr.json")));
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("country", "France")));
        @SuppressWarnings("unchecked")
        ChatMessage reply = ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
        assertEquals("Deep learning is a subfield of machine learning that", reply.text());
        assertEquals("length", reply.meta().get("finish_reason"));
        Map<String, Object> body = server.lastBody();
        assertNull(body.get("model"));
        assertEquals(List.of(Map.of("role", "system", "content", "You answer in one word."),
                Map.of("role", "user", "content", "What is the capital of France?")), body.get("messages"));
        assertEquals(512, body.get("max_tokens"));
        assertEquals(List.of(), body.get("stop"));
        assertEquals(0.0, ((Number) body.get("temperature")).doubleValue());
        assertEquals(false, body.get("stream"));
        llm.close();
    }

    @Test
    void promptBuilderToHuggingFaceAPIGeneratorToAnswerBuilder() {
        String yaml = HfMock.resource("haystack/prompt_hf_api_answer.yaml");
        assertDumpsBackUnchanged(yaml);
        Pipeline p = loopback().loads(yaml);
        HuggingFaceAPIGenerator llm = assertInstanceOf(HuggingFaceAPIGenerator.class, p.getComponent("llm"));
        server.enqueue("/generate", HfMock.json(HfMock.resource("tgi/generate_regex_grammar.json")));
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("query", "Google's DNS?"),
                "answer_builder", Map.of("query", "Google's DNS?")));
        @SuppressWarnings("unchecked")
        GeneratedAnswer a = ((List<GeneratedAnswer>) out.get("answer_builder").get("answers")).get(0);
        assertEquals("42.1.1.101", a.data());
        assertEquals("length", a.meta().get("finish_reason"));
        Map<String, Object> body = server.lastBody();
        assertEquals("Answer the question.\nQuestion: Google's DNS?\nAnswer:", body.get("inputs"));
        assertEquals(Map.of("max_new_tokens", 32, "stop", List.of("Question:"), "details", true),
                body.get("parameters"));
        llm.close();
    }
}
