package dev.hayloft.azure;

import static dev.hayloft.azure.AzureChatGeneratorWireTest.KEY;
import static dev.hayloft.azure.AzureChatGeneratorWireTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.GeneratorResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AzureOpenAIGenerator} on the wire: the prompt as messages, the deployment route, replies and meta. */
class AzureGeneratorWireTest {
    private static AzureMock server;

    @BeforeAll
    static void start() {
        server = new AzureMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static AzureOpenAIGenerator.Builder generator() {
        return AzureOpenAIGenerator.builder().azureEndpoint(server.endpoint()).azureDeployment("text-gpt")
                .apiVersion("2024-06-01").maxRetries(0).environment(env("AZURE_OPENAI_API_KEY", KEY)::get);
    }

    @Test
    void promptAndSystemPromptGoToTheDeployment() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        GeneratorResult r;
        try (AzureOpenAIGenerator llm = generator().systemPrompt("Be brief.")
                .generationKwargs(Map.of("max_completion_tokens", 40)).build()) {
            r = llm.run("What's NLP?");
        }
        LoggedRequest req = server.last();
        assertEquals("/openai/deployments/text-gpt/chat/completions?api-version=2024-06-01", req.getUrl());
        assertEquals(KEY, req.getHeader("api-key"));
        Map<String, Object> body = server.lastBody();
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "What's NLP?")), body.get("messages"));
        assertEquals(40, body.get("max_completion_tokens"));
        assertEquals("text-gpt", body.get("model"));
        assertEquals(List.of("Natural Language Processing is a branch of AI about human language."), r.replies());
        Map<String, Object> meta = r.meta().get(0);
        assertEquals("stop", meta.get("finish_reason"));
        assertNotNull(meta.get("content_filter_results"));
        assertNotNull(meta.get("prompt_filter_results"));
    }

    @Test
    void runTimeSystemPromptWinsAndStreamingWorks() throws Exception {
        server.enqueue(AzureMock.sse(AzureMock.resource("chat_stream.sse")));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        GeneratorResult r;
        try (AzureOpenAIGenerator llm = generator().systemPrompt("Be brief.").build()) {
            r = llm.runAsync("Capital of France?", "Answer in one sentence.", chunks::add, null).get(30,
                    TimeUnit.SECONDS);
        }
        assertEquals(List.of("Paris is the capital."), r.replies());
        assertEquals(Map.of("role", "system", "content", "Answer in one sentence."),
                ((List<?>) server.lastBody().get("messages")).get(0));
        assertFalse(chunks.isEmpty());
        assertEquals(AzureOpenAIGenerator.class.getName(), chunks.get(0).componentInfo().type());
        assertNotNull(r.meta().get(0).get("prompt_filter_results"));
    }
}
