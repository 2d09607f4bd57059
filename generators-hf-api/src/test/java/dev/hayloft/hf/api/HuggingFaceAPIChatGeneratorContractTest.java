package dev.hayloft.hf.api;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.testing.ChatGeneratorContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link HuggingFaceAPIChatGenerator} against core's chat-generator contract, on a loopback
 * server answering in TGI 3.x's shapes (the recorded {@code tgi/chat_stream_usage_3.1.2.sse}
 * event layout, with the scripted text).
 */
class HuggingFaceAPIChatGeneratorContractTest extends ChatGeneratorContract {
    private static HfMock server;
    private final List<HuggingFaceAPIChatGenerator> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new HfMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @AfterEach
    void closeGenerators() {
        created.forEach(HuggingFaceAPIChatGenerator::close);
    }

    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        HuggingFaceAPIChatGenerator g = new Generators().chat(server).maxRetries(0).streamingCallback(initCallback)
                .build();
        created.add(g);
        return g;
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        server.enqueue(HfMock.CHAT, streaming ? HfMock.sse(TgiShapes.textStream(text))
                : HfMock.json(TgiShapes.completion(text)));
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
}
