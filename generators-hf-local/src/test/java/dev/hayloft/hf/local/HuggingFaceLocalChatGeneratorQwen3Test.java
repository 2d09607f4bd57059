package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chat generator on the tiny random Qwen3 fixture (real Qwen3 tokenizer and chat template):
 * {@code enable_thinking} at build time and {@code chat_template_kwargs} per request change the
 * rendered prompt as the template says, and the no-thinking prompt continues exactly as the
 * reference's {@code chat_no_thinking} case.
 */
class HuggingFaceLocalChatGeneratorQwen3Test {
    private static final List<ChatMessage> HI = List.of(ChatMessage.fromUser("Hi!"));
    private static final String PLAIN = "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n";
    private static final String EMPTY_THINK = "<think>\n\n</think>\n\n";

    private static HuggingFaceLocalChatGenerator.Builder qwen3() {
        return HuggingFaceLocalChatGenerator.builder().model(Fixtures.folder(Fixtures.QWEN3).toString());
    }

    private static int promptTokens(ChatMessage reply) {
        return (Integer) ((Map<?, ?>) reply.meta().get("usage")).get("prompt_tokens");
    }

    @Test
    void enableThinkingFalseRendersTheEmptyThinkBlockAndContinuesLikeTheReference() {
        JsonNode ref = null;
        for (JsonNode c : Fixtures.json(Fixtures.QWEN3, "reference.json").get("cases")) {
            if (c.get("name").asText().equals("chat_no_thinking")) {
                ref = c;
            }
        }
        assertEquals(PLAIN + EMPTY_THINK, ref.get("prompt").asText());
        JsonNode greedy = ref.get("greedy");
        try (HuggingFaceLocalChatGenerator chat = qwen3().enableThinking(false).generationKwargs(Map.of(
                "max_new_tokens", greedy.get("max_new_tokens").asInt(), "do_sample", false)).build()) {
            ChatMessage reply = chat.run(HI).replies().get(0);
            assertEquals(greedy.get("text").asText(), reply.text());
            assertEquals(ref.get("num_input_tokens").asInt(), promptTokens(reply));
            assertEquals(ref.get("num_input_tokens").asInt(), chat.tokenCounter().countTokens(HI));
        }
        try (HuggingFaceLocalChatGenerator chat = qwen3().generationKwargs(Map.of("chat_template_kwargs",
                Map.of("enable_thinking", false))).build()) {
            assertEquals(ref.get("num_input_tokens").asInt(), chat.tokenCounter().countTokens(HI),
                    "the counter renders with the build-time chat_template_kwargs");
        }
    }

    @Test
    void renderedPromptFollowsEnableThinkingAndChatTemplateKwargs() {
        Map<String, Object> fullText = Map.of("max_new_tokens", 1, "do_sample", false, "return_full_text", true);
        try (HuggingFaceLocalChatGenerator unset = qwen3().generationKwargs(fullText).build();
             HuggingFaceLocalChatGenerator thinking = qwen3().enableThinking(true).generationKwargs(fullText).build();
             HuggingFaceLocalChatGenerator direct = qwen3().enableThinking(false).generationKwargs(fullText).build()) {
            String byDefault = unset.run(HI).replies().get(0).text();
            String withThinking = thinking.run(HI).replies().get(0).text();
            String without = direct.run(HI).replies().get(0).text();
            // Qwen3's template thinks unless enable_thinking is false
            assertTrue(byDefault.startsWith(PLAIN) && !byDefault.startsWith(PLAIN + "<think>"), byDefault);
            assertEquals(byDefault, withThinking);
            assertTrue(without.startsWith(PLAIN + EMPTY_THINK), without);
            assertEquals(promptTokens(unset.run(HI).replies().get(0)) + 4,
                    promptTokens(direct.run(HI).replies().get(0)), "<think>, \\n\\n, </think>, \\n\\n");

            // per request, chat_template_kwargs wins over the build-time value
            Map<String, Object> off = Map.of("chat_template_kwargs", Map.of("enable_thinking", false));
            assertTrue(thinking.run(HI, off, null, null).replies().get(0).text().startsWith(PLAIN + EMPTY_THINK));
            Map<String, Object> on = Map.of("chat_template_kwargs", Map.of("enable_thinking", true));
            assertFalse(direct.run(HI, on, null, null).replies().get(0).text().startsWith(PLAIN + "<think>"));

            IllegalArgumentException notAMap = assertThrows(IllegalArgumentException.class,
                    () -> unset.run(HI, Map.of("chat_template_kwargs", "enable_thinking=false"), null, null));
            assertTrue(notAMap.getMessage().contains("chat_template_kwargs"), notAMap.getMessage());
            IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                    () -> unset.run(HI, Map.of("chat_template_kwargs", Map.of("messages", List.of())), null, null));
            assertTrue(reserved.getMessage().contains("messages"), reserved.getMessage());
        }
    }

    @Test
    void enableThinkingIsSerialisedOnlyWhenSet() {
        try (HuggingFaceLocalChatGenerator unset = qwen3().build();
             HuggingFaceLocalChatGenerator off = qwen3().enableThinking(false).build()) {
            Map<?, ?> unsetInit = (Map<?, ?>) unset.toDict().get("init_parameters");
            assertFalse(unsetInit.containsKey("enable_thinking"), "Haystack 2.19 has no enable_thinking");
            Map<String, Object> dict = off.toDict();
            assertEquals(false, ((Map<?, ?>) dict.get("init_parameters")).get("enable_thinking"));
            try (HuggingFaceLocalChatGenerator back = (HuggingFaceLocalChatGenerator) ComponentRegistry.defaults()
                    .fromDict(dict)) {
                assertEquals(dict, back.toDict());
            }
        }
        // a Haystack 2.22 dict (enable_thinking always written)
        Map<String, Object> haystack = JsonValues.map(
                "type", "haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator",
                "init_parameters", JsonValues.map(
                        "huggingface_pipeline_kwargs", JsonValues.map("model",
                                Fixtures.folder(Fixtures.QWEN3).toString(), "task", "text-generation", "device", "cpu"),
                        "generation_kwargs", JsonValues.map("max_new_tokens", 1, "return_full_text", true),
                        "streaming_callback", null, "chat_template", null, "tools", null,
                        "tool_parsing_function", ToolCallParser.DEFAULT_NAME, "enable_thinking", false));
        try (HuggingFaceLocalChatGenerator chat = (HuggingFaceLocalChatGenerator) ComponentRegistry.defaults()
                .fromDict(haystack)) {
            assertTrue(chat.run(HI).replies().get(0).text().startsWith(PLAIN + EMPTY_THINK));
        }
    }
}
