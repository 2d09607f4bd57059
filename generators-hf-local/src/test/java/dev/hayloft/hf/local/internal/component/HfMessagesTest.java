package dev.hayloft.hf.local.internal.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages become the dicts Haystack's {@code convert_message_to_hf_format} builds. */
class HfMessagesTest {

    private static ChatMessage message(ChatRole role, List<ContentPart> parts) {
        return new ChatMessage(role, parts, null, Map.of());
    }

    @Test
    void severalTextPartsStayPartsInOrder() {
        ChatMessage m = message(ChatRole.USER, List.of(new TextContent("First."), new TextContent("Second.")));
        assertEquals(List.of(Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "First."),
                Map.of("type", "text", "text", "Second.")))), HfMessages.toHf(List.of(m)));
    }

    @Test
    void oneTextPartIsAStringAndToolCallsKeepTheirArgumentsAsObjects() {
        ChatMessage call = ChatMessage.fromAssistant("Checking.", List.of(new ToolCall("weather",
                Map.of("city", "Paris"), "c1")), Map.of());
        Map<String, Object> hf = HfMessages.toHf(List.of(ChatMessage.fromUser("Hi"), call)).get(1);
        assertEquals("Checking.", hf.get("content"));
        assertEquals(List.of(Map.of("type", "function", "id", "c1", "function", Map.of("name", "weather",
                "arguments", Map.of("city", "Paris")))), hf.get("tool_calls"));
        assertEquals(Map.of("role", "user", "content", "Hi"), HfMessages.toHf(List.of(ChatMessage.fromUser("Hi")))
                .get(0));
        assertThrows(IllegalArgumentException.class, () -> HfMessages.toHf(List.of(message(ChatRole.USER,
                List.of()))));
    }
}
