package dev.hayloft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.tools.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChatGenerator} must show, as a JUnit 5 test base class: extend
 * it in a provider module's tests and implement the factory methods.
 *
 * <p>Remote providers script the reply on their loopback server in {@link #expectReply};
 * local ones may ignore it and return whatever the model generates.
 *
 * <pre>{@code
 * class OpenAIChatGeneratorContractTest extends ChatGeneratorContract {
 *     protected ChatGenerator create(StreamingCallback init) { ... }
 *     protected void expectReply(String text, boolean streaming) { server.enqueue(...); }
 * }
 * }</pre>
 */
public abstract class ChatGeneratorContract {

    /** A generator with {@code initCallback} as its build-time streaming callback (may be null). */
    protected abstract ChatGenerator create(StreamingCallback initCallback);

    /** Arranges for the next call to reply {@code text}, streamed or not. */
    protected abstract void expectReply(String text, boolean streaming);

    /** The registry that can rebuild the generator from its dict. */
    protected ComponentRegistry registry() {
        return ComponentRegistry.defaults();
    }

    /**
     * The messages of the last request as the provider received them, in the provider's
     * format, or null when the provider cannot observe them (local models).
     */
    protected List<Map<String, Object>> lastRequestMessages() {
        return null;
    }

    /** The provider's wire form of {@code message}, for comparison with {@link #lastRequestMessages()}. */
    protected Map<String, Object> expectedWireMessage(ChatMessage message) {
        return null;
    }

    /**
     * A generator offering {@code tools} at build time (no streaming callback), or null when the
     * provider takes no tools (the tool cases are then skipped).
     */
    protected ChatGenerator createWithTools(List<Tool> tools) {
        return null;
    }

    /**
     * The names of the tools the last request offered to the model (empty for none), or null
     * when the provider cannot observe them.
     */
    protected List<String> lastRequestToolNames() {
        return null;
    }

    /** The function names of tools in OpenAI's wire form ({@code [{"type": "function", "function": {"name": ...}}]}). */
    protected static List<String> openAiToolNames(Object tools) {
        List<String> names = new ArrayList<>();
        if (tools instanceof List) {
            for (Object t : (List<?>) tools) {
                names.add((String) ((Map<?, ?>) ((Map<?, ?>) t).get("function")).get("name"));
            }
        }
        return names;
    }

    /** Two tools for the tool cases. */
    protected static List<Tool> contractTools() {
        Map<String, Object> params = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                "required", List.of("city"));
        return List.of(Tool.builder().name("weather").description("Current weather in a city").parameters(params)
                        .function(args -> "sunny").build(),
                Tool.builder().name("population").description("Population of a city").parameters(params)
                        .function(args -> 1000).build());
    }

    protected static List<ChatMessage> conversation() {
        return List.of(ChatMessage.fromSystem("You are terse."), ChatMessage.fromUser("Say hi."),
                ChatMessage.fromAssistant("Hi."), ChatMessage.fromUser("Again, please."));
    }

    @Test
    void repliesAreAssistantMessagesWithMeta() {
        expectReply("Hello there", false);
        ChatGeneratorResult r = create(null).run(conversation());
        assertFalse(r.replies().isEmpty());
        ChatMessage reply = r.replies().get(0);
        assertEquals(ChatRole.ASSISTANT, reply.role());
        assertNotNull(reply.text());
        for (String key : List.of("model", "index", "finish_reason", "usage")) {
            assertTrue(reply.meta().containsKey(key), "reply meta lacks " + key + ": " + reply.meta());
        }
    }

    @Test
    void messagesAreMappedToTheProviderFormat() {
        expectReply("ok", false);
        create(null).run(conversation());
        List<Map<String, Object>> sent = lastRequestMessages();
        if (sent == null) {
            return; // nothing observable for this provider
        }
        List<Map<String, Object>> expected = new ArrayList<>();
        for (ChatMessage m : conversation()) {
            expected.add(expectedWireMessage(m));
        }
        assertEquals(expected, sent);
    }

    @Test
    void streamingObeysTheChunkInvariants() {
        expectReply("Streaming works fine", true);
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatGeneratorResult r = create(null).run(conversation(), null, null, chunks::add);
        assertFalse(chunks.isEmpty(), "no chunks streamed");
        StringBuilder text = new StringBuilder();
        boolean sawStart = false;
        for (StreamingChunk c : chunks) {
            text.append(c.content());
            sawStart |= c.start();
            assertNotNull(c.componentInfo(), "chunk without component_info");
            if (c.hasToolCalls() || c.reasoning() != null || c.toolCallResult() != null) {
                assertNotNull(c.index(), "non-text chunk without index");
            }
        }
        assertTrue(sawStart, "no chunk marked start");
        assertNotNull(lastFinish(chunks), "no chunk carried the finish reason");
        assertEquals(r.replies().get(0).text(), text.toString());
    }

    private static Object lastFinish(List<StreamingChunk> chunks) {
        for (StreamingChunk c : chunks) {
            if (c.finishReason() != null) {
                return c.finishReason();
            }
        }
        return null;
    }

    @Test
    void runTimeCallbackOverridesBuildTimeCallback() {
        List<StreamingChunk> init = new CopyOnWriteArrayList<>();
        List<StreamingChunk> runtime = new CopyOnWriteArrayList<>();
        ChatGenerator g = create(init::add);
        expectReply("first", true);
        g.run(conversation(), null, null, runtime::add);
        assertTrue(init.isEmpty(), "the build-time callback was called although a run-time one was given");
        assertFalse(runtime.isEmpty());
        expectReply("second", true);
        g.run(conversation());
        assertFalse(init.isEmpty(), "the build-time callback was not used");
    }

    @Test
    void runAsyncGivesTheSameKindOfResult() throws Exception {
        expectReply("async", false);
        ChatGeneratorResult r = create(null).runAsync(conversation()).get(60, TimeUnit.SECONDS);
        assertEquals(ChatRole.ASSISTANT, r.replies().get(0).role());
    }

    @Test
    void emptyMessagesGiveNoReplies() throws Exception {
        ChatGenerator g = create(null);
        assertEquals(List.of(), g.run(List.of()).replies());
        assertEquals(List.of(), g.runAsync(List.of()).get(60, TimeUnit.SECONDS).replies());
    }

    @Test
    void anEmptyRunTimeToolListKeepsTheBuildTimeTools() {
        List<Tool> tools = contractTools();
        ChatGenerator g = createWithTools(List.of(tools.get(0)));
        if (g == null) {
            return; // the provider takes no tools
        }
        // Haystack's `tools or self.tools`: an empty run-time list is no override
        expectReply("No tool needed.", false);
        assertFalse(g.run(conversation(), null, List.of(), null).replies().isEmpty());
        assertToolsOffered(List.of("weather"));
        expectReply("No tool needed.", false);
        g.run(conversation(), null, null, null);
        assertToolsOffered(List.of("weather"));
        // a non-empty run-time list replaces the build-time tools
        expectReply("No tool needed.", false);
        g.run(conversation(), null, List.of(tools.get(1)), null);
        assertToolsOffered(List.of("population"));
    }

    private void assertToolsOffered(List<String> expected) {
        List<String> offered = lastRequestToolNames();
        if (offered != null) {
            assertEquals(expected, offered);
        }
    }

    @Test
    void toDictRoundTripsThroughTheRegistry() {
        ChatGenerator g = create(StreamingCallback.printStreamingChunk());
        Map<String, Object> dict = g.toDict();
        assertEquals(g.getClass().getName(), dict.get("type"));
        assertEquals(dict, registry().fromDict(dict).toDict());
    }

    @Test
    void declaresHaystacksSockets() {
        ComponentSockets s = ComponentSockets.of(create(null));
        assertTrue(s.input("messages").mandatory());
        for (String optional : List.of("generation_kwargs", "tools", "streaming_callback")) {
            assertNotNull(s.input(optional), "missing input socket " + optional);
            assertFalse(s.input(optional).mandatory(), optional + " must be optional");
        }
        assertNotNull(s.output("replies"));
    }
}
