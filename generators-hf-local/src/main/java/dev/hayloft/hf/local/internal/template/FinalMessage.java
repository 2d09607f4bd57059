package dev.hayloft.hf.local.internal.template;

import dev.hayloft.templates.Python;
import java.util.List;
import java.util.Map;

/**
 * transformers' {@code continue_final_message}: the chat is rendered without a generation
 * prompt, then everything after the final message's content is cut (its end-of-turn tokens),
 * so the model continues that message instead of starting a new one. Where the template
 * trimmed trailing whitespace off the content, the cut is after the trimmed content. The
 * content is the message's string, or the text of its last text part.
 *
 * <pre>{@code
 * String rendered = template.render(ChatTemplateContext.builder().messages(hf).addGenerationPrompt(false).build());
 * String prompt = FinalMessage.continueFrom(rendered, hf);   // "...<|im_start|>assistant\nOk! Here you go:"
 * }</pre>
 */
public final class FinalMessage {
    private FinalMessage() {
    }

    /**
     * Cuts {@code rendered} right after the content of the last of {@code messages}; fails with
     * an {@code IllegalArgumentException} when there is no text to continue or the template did
     * not render it.
     */
    public static String continueFrom(String rendered, List<? extends Map<String, ?>> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("continue_final_message needs at least one message");
        }
        String content = text(messages.get(messages.size() - 1).get("content"));
        String stripped = Python.strip(content);
        int at = rendered.lastIndexOf(stripped);
        if (at < 0) {
            throw new IllegalArgumentException("continue_final_message: the rendered chat does not contain the content "
                    + "of the final message, so it cannot be continued (the chat template changes or drops that "
                    + "content); use a template that renders it verbatim, or turn continue_final_message off");
        }
        int keep = Python.lstrip(content).length();
        if (rendered.substring(at, Math.min(rendered.length(), at + keep)).equals(content)) {
            return rendered.substring(0, at + keep); // the template kept the content as it is
        }
        return rendered.substring(0, at + stripped.length()); // the template trimmed trailing whitespace
    }

    private static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof List<?> parts) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                if (parts.get(i) instanceof Map<?, ?> part && part.get("text") instanceof String s) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("continue_final_message: the final message has no text to continue");
    }
}
