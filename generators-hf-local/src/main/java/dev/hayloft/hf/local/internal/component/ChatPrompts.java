package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.template.ChatTemplateContext;
import dev.hayloft.hf.local.internal.template.FinalMessage;
import dev.hayloft.templates.Template;
import dev.hayloft.templates.TemplateEnvironment;
import dev.hayloft.templates.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a conversation into the prompt text with the model's chat template, as Haystack's
 * local chat generator calls {@code apply_chat_template(messages, chat_template=...,
 * add_generation_prompt=True, tools=[tool.tool_spec, ...])}. One instance per generator; the
 * template is compiled once, on first use.
 *
 * <pre>{@code
 * ChatPrompts prompts = new ChatPrompts(null);   // the tokenizer's template
 * String prompt = prompts.render(model, List.of(ChatMessage.fromUser("Hi")), List.of());
 * }</pre>
 */
public final class ChatPrompts {
    private final String override;
    private volatile Template compiled;

    /** Uses {@code override} as the template, or the model's own when null. */
    public ChatPrompts(String override) {
        this.override = override;
        if (override != null) {
            try {
                this.compiled = compile(override); // fail at build time on a broken override
            } catch (TemplateException e) {
                throw new IllegalArgumentException("chat_template: " + e.getMessage(), e);
            }
        }
    }

    /** Renders with a generation prompt (a new assistant turn), as Haystack does. */
    public String render(LocalModel model, List<ChatMessage> messages, List<Tool> tools) {
        return render(model, messages, tools, false);
    }

    /**
     * Renders {@code messages}; with {@code continueFinalMessage} (transformers' semantics) there is
     * no generation prompt and the text ends right after the final message's content, so the
     * model continues that message.
     */
    public String render(LocalModel model, List<ChatMessage> messages, List<Tool> tools,
            boolean continueFinalMessage) {
        TokenizerSettings tok = model.info().tokenizerSettings();
        Template template = compiled;
        if (template == null) {
            if (tok.chatTemplate() == null) {
                throw new InvalidRequestException("The model has no chat_template in tokenizer_config.json; pass one "
                        + "with chatTemplate(...)", GenerationException.details("local"), null);
            }
            try {
                template = compile(tok.chatTemplate());
            } catch (TemplateException e) {
                throw new InvalidRequestException("The model's chat_template does not compile: " + e.getMessage(),
                        GenerationException.details("local").retryable(false), e);
            }
            compiled = template;
        }
        List<Map<String, Object>> specs = null;
        if (!tools.isEmpty()) {
            specs = new ArrayList<>();
            for (Tool t : tools) {
                specs.add(t.toolSpec());
            }
        }
        // like transformers, unset special tokens are left out of the context (not passed as None)
        Map<String, Object> special = new LinkedHashMap<>();
        putIfSet(special, "bos_token", tok.bosToken());
        putIfSet(special, "eos_token", tok.eosToken());
        putIfSet(special, "unk_token", tok.unkToken());
        putIfSet(special, "pad_token", tok.padToken());
        List<Map<String, Object>> hf = HfMessages.toHf(messages);
        Map<String, Object> context = ChatTemplateContext.builder().messages(hf).tools(specs)
                .addGenerationPrompt(!continueFinalMessage).specialTokens(special).build();
        String rendered;
        try {
            rendered = template.render(context);
        } catch (TemplateException e) {
            throw new InvalidRequestException("The chat template refused the conversation: " + e.getMessage(),
                    GenerationException.details("local").retryable(false), e);
        }
        if (!continueFinalMessage) {
            return rendered;
        }
        try {
            return FinalMessage.continueFrom(rendered, hf);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), GenerationException.details("local").retryable(false), e);
        }
    }

    /** Compiles a chat template in transformers' environment. */
    static Template compile(String source) {
        return TemplateEnvironment.transformers().compile(source);
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
