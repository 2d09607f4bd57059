package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builder defaults, sockets and use inside a {@link Pipeline}. */
class OpenAIGeneratorComponentTest {
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

    @Test
    void buildersHaveHaystacksDefaultsAndDoNoIo() {
        OpenAIChatGenerator chat = OpenAIChatGenerator.builder().environment(n -> null).build();
        assertEquals("gpt-4o-mini", chat.model());
        assertNull(chat.streamingCallback());
        assertTrue(chat.generationKwargs().isEmpty());
        assertNull(chat.tools());
        assertFalse(chat.toolsStrict());
        assertEquals(Duration.ofSeconds(30), chat.clientOptions().timeout());
        assertEquals(5, chat.clientOptions().maxRetries());
        OpenAIGenerator text = OpenAIGenerator.builder().environment(n -> null).build();
        assertEquals("gpt-4o-mini", text.model());
        assertNull(text.systemPrompt());
        OpenAIChatGenerator copy = chat.toBuilder().model("gpt-4.1").build();
        assertEquals("gpt-4.1", copy.model());
        assertEquals(chat.clientOptions(), copy.clientOptions());
    }

    @Test
    void duplicateToolNamesAreRefusedAtBuild() {
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIChatGenerator.builder().tools(List.of(TestTools.weather(), TestTools.weather())).build());
    }

    @Test
    void socketsAreHaystacks() {
        ComponentSockets chat = ComponentSockets.of(OpenAIChatGenerator.builder().build());
        assertEquals(List.of("messages", "generation_kwargs", "tools", "tools_strict", "streaming_callback"),
                chat.inputs().stream().map(s -> s.name()).toList());
        assertEquals(List.of("replies"), chat.outputs().stream().map(s -> s.name()).toList());
        ComponentSockets text = ComponentSockets.of(OpenAIGenerator.builder().build());
        assertEquals(List.of("prompt", "system_prompt", "streaming_callback", "generation_kwargs"),
                text.inputs().stream().map(s -> s.name()).toList());
        assertTrue(text.input("prompt").mandatory());
        assertFalse(text.input("system_prompt").mandatory());
        assertEquals(List.of("replies", "meta"), text.outputs().stream().map(s -> s.name()).toList());
    }

    @Test
    void textGeneratorInAPipeline() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("Paris")));
        Pipeline p = new Pipeline();
        p.addComponent("prompt", PromptBuilder.builder("Capital of {{ country }}?").requiredVariables(List.of("country")).build());
        p.addComponent("llm", OpenAIGenerator.builder().apiKey(Secret.fromToken("sk-p")).apiBaseUrl(server.baseUrl())
                .maxRetries(0).build());
        p.connect("prompt.prompt", "llm.prompt");
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt", Map.of("country", "France")));
        assertEquals(List.of("Paris"), out.get("llm").get("replies"));
        assertEquals(Map.of("role", "user", "content", "Capital of France?"),
                ((List<?>) server.lastBody().get("messages")).get(0));
    }

    @Test
    void chatGeneratorInAPipelineStreamsWithItsName() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("Pa", "ris"))));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        Pipeline p = new Pipeline();
        p.addComponent("prompt", ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("Capital of {{ country }}?")))
                .requiredVariables(List.of("country")).build());
        p.addComponent("llm", OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-p"))
                .apiBaseUrl(server.baseUrl()).streamingCallback(chunks::add).maxRetries(0).build());
        p.connect("prompt.prompt", "llm.messages");
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt", Map.of("country", "France")));
        ChatMessage reply = (ChatMessage) ((List<?>) out.get("llm").get("replies")).get(0);
        assertEquals("Paris", reply.text());
        assertNotNull(chunks.get(0).componentInfo());
        assertEquals("llm", chunks.get(0).componentInfo().name());
    }
}
