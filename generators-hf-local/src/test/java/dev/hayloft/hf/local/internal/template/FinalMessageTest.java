package dev.hayloft.hf.local.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.templates.Template;
import dev.hayloft.templates.TemplateEnvironment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * transformers' {@code continue_final_message} on the real Qwen2.5 (keeps content verbatim) and
 * Llama 3.2 (trims it) templates: no generation prompt, cut after the final message's content.
 */
class FinalMessageTest {

    private static String render(String template, List<Map<String, Object>> messages) throws IOException {
        Map<String, Object> config = ChatTemplateCasesTest.tokenizerConfig(template);
        Template t = TemplateEnvironment.transformers().compile((String) config.get("chat_template"))
                .withClock(ChatTemplateCasesTest.FROZEN);
        String rendered = t.render(ChatTemplateContext.builder().messages(messages).addGenerationPrompt(false)
                .specialTokens(ChatTemplateContext.specialTokens(config))
                .extraContext(template.equals("llama3_2") ? Map.of("date_string", "26 Jul 2024") : Map.of()).build());
        return FinalMessage.continueFrom(rendered, messages);
    }

    private static List<Map<String, Object>> chat(Object lastContent) {
        return List.of(Map.of("role", "user", "content", "Give me a positive affirmation!"),
                Map.of("role", "assistant", "content", lastContent));
    }

    @Test
    void theOutputEndsWithTheFinalMessagesContent() throws IOException {
        assertTrue(render("qwen2_5", chat("Ok! Here you go:")).endsWith("<|im_start|>assistant\nOk! Here you go:"));
        // Qwen keeps the content as it is, trailing space included
        assertTrue(render("qwen2_5", chat("Sure: ")).endsWith("<|im_start|>assistant\nSure: "));
        // Llama 3.2 trims the content: the cut follows the trimmed text
        String llama = render("llama3_2", chat("Sure: "));
        assertTrue(llama.endsWith("<|start_header_id|>assistant<|end_header_id|>\n\nSure:"), llama);
        // content parts: the last text part is continued
        assertTrue(render("qwen2_5", chat("Ok!")).endsWith("Ok!"));
        assertEquals("abc", FinalMessage.continueFrom("abcdef", List.of(Map.of("role", "assistant", "content",
                List.of(Map.of("type", "text", "text", "x")), "unused", 0), Map.of("role", "assistant",
                "content", List.of(Map.of("type", "text", "text", "abc"))))));
    }

    @Test
    void aTemplateThatDropsTheContentIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FinalMessage.continueFrom("<s>nothing here", chat("Ok! Here you go:")));
        assertTrue(e.getMessage().contains("continue_final_message"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FinalMessage.continueFrom("x", List.of(Map.of("role",
                "assistant", "content", List.of(Map.of("type", "image"))))));
    }
}
