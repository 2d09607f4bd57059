package dev.hayloft.hf.local.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.templates.TemplateEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context {@code apply_chat_template} builds: special tokens, tools, documents, extra kwargs. */
class ChatTemplateContextTest {
    @Test
    void specialTokensAcceptStringsAndAddedTokensAndSkipUnset() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bos_token", Map.of("__type", "AddedToken", "content", "<s>", "lstrip", false));
        config.put("eos_token", "</s>");
        config.put("unk_token", null);
        config.put("pad_token", "");
        config.put("additional_special_tokens", List.of("<|im_start|>", Map.of("content", "<|im_end|>")));
        config.put("chat_template", "ignored");
        Map<String, Object> tokens = ChatTemplateContext.specialTokens(config);
        assertEquals(Map.of("bos_token", "<s>", "eos_token", "</s>",
                "additional_special_tokens", List.of("<|im_start|>", "<|im_end|>")), tokens);
    }

    @Test
    void unsetTokensAreUndefinedLikeTransformers() {
        Map<String, Object> context = ChatTemplateContext.builder()
                .specialTokens(ChatTemplateContext.specialTokens(Map.of("eos_token", "</s>")))
                .build();
        String out = TemplateEnvironment.transformers().compile("{{ bos_token is defined }}|{{ bos_token }}|{{ eos_token }}|{{ tools is none }}"
                + "|{{ documents is none }}|{{ add_generation_prompt }}|{{ messages|length }}").render(context);
        assertEquals("False||</s>|True|True|False|0", out);
    }

    @Test
    void buildsMessagesToolsAndExtraContext() {
        Map<String, Object> context = ChatTemplateContext.builder()
                .messages(List.of(Map.of("role", "user", "content", "Hi")))
                .tools(List.of(Map.of("type", "function", "function", Map.of("name", "f"))))
                .addGenerationPrompt(true)
                .specialTokens(Map.of("bos_token", "<s>", "eos_token", "</s>"))
                .extraContext(Map.of("date_string", "26 Jul 2024", "eos_token", "<override>"))
                .build();
        assertEquals("<s>", context.get("bos_token"));
        assertEquals("<override>", context.get("eos_token"));
        assertEquals("26 Jul 2024", context.get("date_string"));
        assertEquals(true, context.get("add_generation_prompt"));
        assertNull(context.get("documents"));
        String out = TemplateEnvironment.transformers().compile("{{ tools[0].function.name }}:{{ messages[0].content }}").render(context);
        assertEquals("f:Hi", out);
    }

    @Test
    void emptyToolListStaysAnEmptyList() {
        Map<String, Object> context = ChatTemplateContext.builder().tools(List.of()).build();
        assertEquals("False", TemplateEnvironment.transformers().compile("{{ tools is none }}").render(context));
        assertFalse(context.get("tools") == null);
    }

    @Test
    void extraContextCannotRedefineTheConversation() {
        assertThrows(IllegalArgumentException.class,
                () -> ChatTemplateContext.builder().extraContext(Map.of("messages", List.of())));
    }
}
