package dev.hayloft.core.dataclasses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatMessageTest {
    private static final String PNG = ((Map<?, ?>) ((Map<?, ?>) ((List<?>) Fixtures
            .dict("haystack/chat_message_all_parts.json").get("content")).get(3)).get("image")).get("base64_image")
            .toString();

    private static ChatMessage allParts() {
        ToolCall call = new ToolCall("mytool", Map.of("a", 1), "123");
        return new ChatMessage(ChatRole.ASSISTANT, List.of(new TextContent("Hello"), call,
                new ToolCallResult("result", call, false),
                new ImageContent(PNG, "image/png", "auto", Map.of("key", "value"), true),
                new ReasoningContent("Let me think about it...", Map.of("key", "value"))), null, Map.of("some", "info"));
    }

    @Test
    void toDictHasHaystacksExactShape() {
        assertEquals(Fixtures.dict("haystack/chat_message_all_parts.json"), allParts().toDict());
    }

    @Test
    void fromDictOfHaystacksShapeRoundTrips() {
        ChatMessage m = ChatMessage.fromDict(Fixtures.dict("haystack/chat_message_all_parts.json"));
        assertEquals(allParts(), m);
        assertEquals(m, ChatMessage.fromDict(m.toDict()));
    }

    @Test
    void readsPre29LegacyShapeWithStringContent() {
        ChatMessage m = ChatMessage.fromDict(Map.of("role", "user", "content", "This is a message", "name",
                "some_name", "meta", Map.of("some", "info")));
        assertEquals(ChatRole.USER, m.role());
        assertEquals(List.of(new TextContent("This is a message")), m.content());
        assertEquals("some_name", m.name());
        assertEquals(Map.of("some", "info"), m.meta());
    }

    @Test
    void readsPre212LegacyShapeWithUnderscoredFields() {
        ChatMessage m = ChatMessage.fromDict(Map.of("_role", "user", "_content",
                List.of(Map.of("text", "This is a message")), "_name", "some_name", "_meta", Map.of("some", "info")));
        assertEquals(ChatMessage.fromUser("This is a message", Map.of("some", "info"), "some_name"), m);
        ChatMessage minimal = ChatMessage.fromDict(Map.of("_role", "user", "_content",
                List.of(Map.of("text", "x"))));
        assertNull(minimal.name());
        assertEquals(Map.of(), minimal.meta());
    }

    @Test
    void badDictsFailWithThePathOfTheCulprit() {
        DeserializationException noRole = assertThrows(DeserializationException.class,
                () -> ChatMessage.fromDict(Map.of("content", List.of(Map.of("text", "Hello")))));
        assertTrue(noRole.getMessage().contains("`role` field is required"), noRole.getMessage());
        DeserializationException badPart = assertThrows(DeserializationException.class,
                () -> ChatMessage.fromDict(Map.of("role", "assistant", "content",
                        List.of(Map.of("text", "Hello"), Map.of("invalid", "invalid")))));
        assertEquals("content[1]", badPart.path().orElseThrow());
        assertTrue(badPart.getMessage().contains("Unsupported content part"));
        DeserializationException badRole = assertThrows(DeserializationException.class,
                () -> ChatMessage.fromDict(Map.of("role", "function", "content", List.of())));
        assertEquals("role", badRole.path().orElseThrow());
        DeserializationException noContent = assertThrows(DeserializationException.class,
                () -> ChatMessage.fromDict(Map.of("role", "user", "name", "n")));
        assertTrue(noContent.getMessage().contains("Missing 'content'"));
        DeserializationException badArgs = assertThrows(DeserializationException.class,
                () -> ChatMessage.fromDict(Map.of("role", "assistant", "content",
                        List.of(Map.of("tool_call", Map.of("tool_name", "t", "arguments", "oops"))))));
        assertEquals("content[0].tool_call.arguments", badArgs.path().orElseThrow());
    }

    @Test
    void factoriesAndAccessors() {
        ToolCall call = new ToolCall("weather", Map.of("city", "Paris"), "c1");
        ChatMessage reply = ChatMessage.assistant().reasoning("thinking").text("Let me check").toolCalls(List.of(call))
                .meta(Map.of("model", "m")).build();
        assertEquals(List.of(ReasoningContent.class, TextContent.class, ToolCall.class),
                reply.content().stream().map(Object::getClass).toList());
        assertEquals("Let me check", reply.text());
        assertEquals(call, reply.toolCall());
        assertEquals("thinking", reply.reasoning().reasoningText());
        assertNull(ChatMessage.fromAssistant(null, List.of(call)).text());
        ChatMessage tool = ChatMessage.fromTool("22 C", call);
        assertTrue(tool.isFrom(ChatRole.TOOL));
        assertEquals(call, tool.toolCallResult().origin());
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.fromUser(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.fromUser(List.of(call)));
        assertThrows(NullPointerException.class, () -> ChatMessage.fromUser((String) null));
    }

    @Test
    void metaKeepsNullValuesAndIsImmutable() {
        Map<String, Object> meta = new java.util.HashMap<>();
        meta.put("finish_reason", null);
        ChatMessage m = ChatMessage.fromAssistant("x", null, meta);
        assertTrue(m.meta().containsKey("finish_reason"));
        assertThrows(UnsupportedOperationException.class, () -> m.meta().put("a", 1));
        meta.put("later", 1);
        assertEquals(1, m.meta().size());
    }
}
