package dev.hayloft.azure;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.testing.ChatGeneratorContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** {@link AzureOpenAIChatGenerator} against core's chat-generator contract, on a loopback Azure resource. */
class AzureOpenAIChatGeneratorContractTest extends ChatGeneratorContract {
    private static final String PROVIDER = "contract.azure.tokens";
    private static AzureMock server;
    private final List<AzureOpenAIChatGenerator> created = new java.util.ArrayList<>();

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

    @AfterEach
    void closeGenerators() {
        created.forEach(AzureOpenAIChatGenerator::close);
    }

    private static AzureTokenProvider tokens() {
        return AzureTokenProvider.named(PROVIDER, () -> "contract-token");
    }

    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        // a named provider, so that the generator rebuilds from its dict without environment variables
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(server.endpoint())
                .azureDeployment("contract-gpt").maxRetries(0).azureAdTokenProvider(tokens())
                .streamingCallback(initCallback).environment(name -> null).build();
        created.add(g);
        return g;
    }

    @Override
    protected ComponentRegistry registry() {
        return ComponentRegistry.defaults().toBuilder().function(PROVIDER, tokens()).build();
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        if (!streaming) {
            String body = AzureMock.resource("chat_completion.json").replace(
                    "Natural Language Processing is a branch of AI about human language.", text);
            server.enqueue(AzureMock.json(body));
            return;
        }
        StringBuilder sse = new StringBuilder(AzureMock.resource("chat_stream.sse").lines().findFirst().orElseThrow())
                .append("\n\n");
        for (String piece : text.split("(?<= )")) {
            sse.append("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":")
                    .append(Json.write(piece)).append("},\"finish_reason\":null,\"index\":0}],\"created\":1741569970,"
                            + "\"id\":\"chatcmpl-c\",\"model\":\"gpt-4o-mini-2024-07-18\",\"object\":"
                            + "\"chat.completion.chunk\"}\n\n");
        }
        sse.append("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"stop\","
                + "\"index\":0}],\"created\":1741569970,\"id\":\"chatcmpl-c\",\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"object\":\"chat.completion.chunk\"}\n\ndata: [DONE]\n\n");
        server.enqueue(AzureMock.sse(sse.toString()));
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
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(server.endpoint())
                .azureDeployment("contract-gpt").maxRetries(0).azureAdTokenProvider(tokens()).tools(tools)
                .environment(name -> null).build();
        created.add(g);
        return g;
    }

    @Override
    protected List<String> lastRequestToolNames() {
        return openAiToolNames(server.lastBody().get("tools"));
    }
}
