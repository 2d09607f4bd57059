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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a conversation into the prompt text with the model's chat template, as Haystack's
 * local chat generator calls {@code apply_chat_template(messages, chat_template=...,
 * add_generation_prompt=True, tools=[tool.tool_spec, ...], enable_thinking=...)}. Extra template
 * variables (transformers passes {@code apply_chat_template}'s extra keyword arguments into the
 * template) come from the build time ({@code enable_thinking}) and, per request, from
 * {@code generation_kwargs.chat_template_kwargs}, which wins. One instance per generator; the
 * template is compiled once, on first use.
 *
 * <pre>{@code
 * ChatPrompts prompts = new ChatPrompts(null, Map.of("enable_thinking", false));   // the tokenizer's template
 * String prompt = prompts.render(model, List.of(ChatMessage.fromUser("Hi")), List.of());
 * String continued = prompts.render(model, messages, List.of(), Map.of("continue_final_message", true));
 * }</pre>
 */
public final class ChatPrompts {
    /** The {@code generation_kwargs} key holding extra template variables. */
    public static final String TEMPLATE_KWARGS = "chat_template_kwargs";
    /** The {@code generation_kwargs} key continuing the final message. */
    public static final String CONTINUE_FINAL_MESSAGE = "continue_final_message";

    private final String override;
    private final Map<String, Object> templateKwargs;
    private volatile Template compiled;

    /** Uses {@code override} as the template, or the model's own when null. */
    public ChatPrompts(String override) {
        this(override, Map.of());
    }

    /**
     * Uses {@code override} as the template (the model's own when null), with extra template
     * variables {@code templateKwargs} in every rendering (e.g. {@code enable_thinking}).
     */
    public ChatPrompts(String override, Map<String, ?> templateKwargs) {
        this.override = override;
        this.templateKwargs = Collections.unmodifiableMap(new LinkedHashMap<>(templateKwargs));
        ChatTemplateContext.builder().extraContext(this.templateKwargs); // refuse reserved names now
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
        return render(model, messages, tools, false, templateKwargs);
    }

    /**
     * Renders {@code messages} as a request with these (merged) {@code generation_kwargs} asks:
     * {@code continue_final_message} (true or false) and {@code chat_template_kwargs} (a map of
     * template variables over the build-time ones). Other keys are not read here.
     *
     * @throws IllegalArgumentException when one of those two keys has the wrong type, or the
     *         template variables redefine {@code messages}, {@code tools}, {@code documents} or
     *         {@code add_generation_prompt}
     */
    public String render(LocalModel model, List<ChatMessage> messages, List<Tool> tools,
            Map<String, ?> generationKwargs) {
        Object continueFinal = generationKwargs.get(CONTINUE_FINAL_MESSAGE);
        if (continueFinal != null && !(continueFinal instanceof Boolean)) {
            throw new IllegalArgumentException("generation_kwargs." + CONTINUE_FINAL_MESSAGE
                    + " must be true or false, got " + continueFinal);
        }
        Object extra = generationKwargs.get(TEMPLATE_KWARGS);
        Map<String, Object> variables = new LinkedHashMap<>(templateKwargs);
        if (extra instanceof Map<?, ?> given) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("generation_kwargs." + TEMPLATE_KWARGS
                            + " must have string keys, got " + e.getKey());
                }
                variables.put(key, e.getValue());
            }
        } else if (extra != null) {
            throw new IllegalArgumentException("generation_kwargs." + TEMPLATE_KWARGS
                    + " must be a map of template variables, got " + extra);
        }
        return render(model, messages, tools, Boolean.TRUE.equals(continueFinal), variables);
    }

    private String render(LocalModel model, List<ChatMessage> messages, List<Tool> tools,
            boolean continueFinalMessage, Map<String, Object> variables) {
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
                .addGenerationPrompt(!continueFinalMessage).specialTokens(special).extraContext(variables).build();
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
