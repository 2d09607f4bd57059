package dev.hayloft.openai;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.testing.ChatGeneratorContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** {@link OpenAIChatGenerator} against core's chat-generator contract, on a loopback server. */
class OpenAIChatGeneratorContractTest extends ChatGeneratorContract {
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

    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        return OpenAIChatGenerator.builder()
                .apiKey(Secret.fromEnvVar("CONTRACT_OPENAI_KEY"))
                .apiBaseUrl(server.baseUrl())
                .maxRetries(0)
                .streamingCallback(initCallback)
                .environment(name -> name.equals("CONTRACT_OPENAI_KEY") ? "sk-contract-test" : null)
                .build();
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        server.enqueue(streaming ? OpenAIMock.sse(OpenAIResponses.textStream(List.of(text.split("(?<= )"))))
                : OpenAIMock.json(OpenAIResponses.completion(text)));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> lastRequestMessages() {
        return (List<Map<String, Object>>) server.lastBody().get("messages");
    }

    @Override
    protected Map<String, Object> expectedWireMessage(ChatMessage message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", message.role().value());
        m.put("content", message.text());
        return m;
    }

    @Override
    protected ChatGenerator createWithTools(List<dev.hayloft.core.tools.Tool> tools) {
        return OpenAIChatGenerator.builder()
                .apiKey(Secret.fromEnvVar("CONTRACT_OPENAI_KEY"))
                .apiBaseUrl(server.baseUrl())
                .maxRetries(0)
                .tools(tools)
                .environment(name -> name.equals("CONTRACT_OPENAI_KEY") ? "sk-contract-test" : null)
                .build();
    }

    @Override
    protected List<String> lastRequestToolNames() {
        return openAiToolNames(server.lastBody().get("tools"));
    }
}
