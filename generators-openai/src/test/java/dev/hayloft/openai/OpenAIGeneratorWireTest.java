package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.GeneratorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OpenAIGenerator} against recorded OpenAI responses on a loopback server. */
class OpenAIGeneratorWireTest {
    private static OpenAIMock server;

    @BeforeAll
    static void start() {
        server = new OpenAIMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static OpenAIGenerator.Builder generator() {
        return OpenAIGenerator.builder().apiKey(Secret.fromToken("sk-test-text")).apiBaseUrl(server.baseUrl())
                .maxRetries(0);
    }

    @Test
    void plainRunSendsSystemPromptAndPromptAndReturnsRepliesAndMeta() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("NLP is a field of AI.")));
        OpenAIGenerator llm = generator().systemPrompt("Be brief.").generationKwargs(Map.of("max_tokens", 20))
                .build();

        GeneratorResult r = llm.run("What's Natural Language Processing?");

        Map<String, Object> body = server.lastBody();
        assertEquals(List.of("model", "messages", "stream", "max_tokens"), new ArrayList<>(body.keySet()));
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "What's Natural Language Processing?")), body.get("messages"));
        assertEquals(false, body.get("stream"));
        assertEquals(List.of("NLP is a field of AI."), r.replies());
        Map<String, Object> meta = r.meta().get(0);
        assertEquals(OpenAIResponses.MODEL, meta.get("model"));
        assertEquals("stop", meta.get("finish_reason"));
        assertEquals(32, ((Map<?, ?>) meta.get("usage")).get("total_tokens"));
    }

    @Test
    void runTimeSystemPromptWinsAndKwargsMerge() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("ok")));
        OpenAIGenerator llm = generator().systemPrompt("init").generationKwargs(Map.of("temperature", 0.1, "n", 1))
                .build();
        llm.run("hi", "runtime", null, Map.of("temperature", 0.7));
        Map<String, Object> body = server.lastBody();
        assertEquals(Map.of("role", "system", "content", "runtime"), ((List<?>) body.get("messages")).get(0));
        assertEquals(0.7, body.get("temperature"));
        assertEquals(1, body.get("n"));
    }

    @Test
    void streamsText() throws Exception {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("Hay", "loft"))));
        List<StreamingChunk> chunks = new ArrayList<>();
        OpenAIGenerator llm = generator().build();
        llm.assignPipelineName("writer");

        GeneratorResult r = llm.runAsync("Name a barn part", null, chunks::add, null).get(10, TimeUnit.SECONDS);

        Map<String, Object> body = server.lastBody();
        assertEquals(true, body.get("stream"));
        assertEquals(Map.of("include_usage", true), body.get("stream_options"));
        assertEquals(1, ((List<?>) body.get("messages")).size());
        assertFalse(body.containsKey("n"));
        assertEquals(List.of("Hayloft"), r.replies());
        assertEquals(15, ((Map<?, ?>) r.meta().get(0).get("usage")).get("total_tokens"));
        assertEquals(new ComponentInfo(OpenAIGenerator.class.getName(), "writer"), chunks.get(0).componentInfo());
        assertTrue(chunks.get(1).start());
    }

    @Test
    void refusesStreamingSeveralRepliesAndAStreamKwarg() {
        OpenAIGenerator llm = generator().build();
        assertThrows(IllegalArgumentException.class, () -> llm.run("x", null, c -> { }, Map.of("n", 3)));
        assertThrows(IllegalArgumentException.class, () -> llm.run("x", null, null, Map.of("stream", true)));
        assertTrue(server.requests().isEmpty());
    }
}
