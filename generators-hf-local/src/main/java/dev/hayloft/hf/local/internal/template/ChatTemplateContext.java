package dev.hayloft.hf.local.internal.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the variables transformers' {@code apply_chat_template} passes to a chat template:
 * {@code messages}, {@code tools} (None when there are none), {@code documents} (None),
 * {@code add_generation_prompt}, the tokenizer's special tokens, and any extra keyword
 * arguments (e.g. {@code date_string}, {@code enable_thinking}), which override special tokens
 * of the same name.
 *
 * <p>As in transformers ({@code special_tokens_map}), a special token that is unset or empty is
 * not defined at all (so {@code bos_token is defined} is false), and tokens written in
 * {@code tokenizer_config.json} as AddedToken objects ({@code {"content": "<s>", ...}}) are
 * reduced to their text.
 *
 * <pre>{@code
 * Map<String, Object> context = ChatTemplateContext.builder()
 *         .messages(List.of(Map.of("role", "user", "content", "What's the weather?")))
 *         .tools(List.of(Map.of("type", "function", "function", Map.of("name", "get_weather",
 *                 "description", "Current weather", "parameters", schema))))
 *         .addGenerationPrompt(true)
 *         .specialTokens(ChatTemplateContext.specialTokens(tokenizerConfig))
 *         .extraContext(Map.of("date_string", "26 Jul 2024"))
 *         .build();
 * }</pre>
 */
public final class ChatTemplateContext {
    private static final List<String> TOKEN_NAMES = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");
    private static final Set<String> RESERVED = Set.of("messages", "tools", "documents", "add_generation_prompt");

    private ChatTemplateContext() {
    }

    /** A new builder with no messages, no tools and {@code add_generation_prompt=false}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The special tokens of a parsed {@code tokenizer_config.json}, as transformers exposes them
     * to templates: {@code bos_token}, {@code eos_token}, {@code unk_token}, {@code sep_token},
     * {@code pad_token}, {@code cls_token}, {@code mask_token} (strings) and
     * {@code additional_special_tokens} (a list of strings), each only when set and non-empty.
     */
    public static Map<String, Object> specialTokens(Map<String, ?> tokenizerConfig) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : TOKEN_NAMES) {
            String text = tokenText(tokenizerConfig.get(name));
            if (text != null && !text.isEmpty()) {
                out.put(name, text);
            }
        }
        if (tokenizerConfig.get("additional_special_tokens") instanceof List<?> extra) {
            List<Object> texts = new ArrayList<>();
            for (Object token : extra) {
                String text = tokenText(token);
                if (text != null) {
                    texts.add(text);
                }
            }
            if (!texts.isEmpty()) {
                out.put("additional_special_tokens", texts);
            }
        }
        return out;
    }

    private static String tokenText(Object token) {
        if (token instanceof String s) {
            return s;
        }
        if (token instanceof Map<?, ?> added && added.get("content") instanceof String s) {
            return s;
        }
        return null;
    }

    /** Collects the parts of a template context; {@link #build()} may be called more than once. */
    public static final class Builder {
        private List<?> messages = List.of();
        private List<?> tools;
        private List<?> documents;
        private boolean addGenerationPrompt;
        private Map<String, ?> specialTokens = Map.of();
        private Map<String, ?> extraContext = Map.of();

        private Builder() {
        }

        /** The conversation: maps with {@code role}, {@code content} and optionally {@code tool_calls}, {@code tool_call_id}, {@code name}... */
        public Builder messages(List<? extends Map<String, ?>> messages) {
            this.messages = List.copyOf(messages);
            return this;
        }

        /**
         * Tool schemas in OpenAI form ({@code {"type": "function", "function": {...}}}); null for none
         * (an empty list is passed on as an empty list, which some templates treat differently).
         */
        public Builder tools(List<? extends Map<String, ?>> tools) {
            this.tools = tools == null ? null : List.copyOf(tools);
            return this;
        }

        /** RAG documents ({@code {"title": ..., "text": ...}}); null for none. */
        public Builder documents(List<? extends Map<String, ?>> documents) {
            this.documents = documents == null ? null : List.copyOf(documents);
            return this;
        }

        /** Whether to end with the header that starts an assistant reply. */
        public Builder addGenerationPrompt(boolean addGenerationPrompt) {
            this.addGenerationPrompt = addGenerationPrompt;
            return this;
        }

        /** The tokenizer's special tokens, e.g. from {@link ChatTemplateContext#specialTokens(Map)}. */
        public Builder specialTokens(Map<String, ?> specialTokens) {
            this.specialTokens = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokens));
            return this;
        }

        /** Extra template variables ({@code date_string}, {@code enable_thinking}, ...). */
        public Builder extraContext(Map<String, ?> extraContext) {
            for (String key : extraContext.keySet()) {
                if (RESERVED.contains(key)) {
                    throw new IllegalArgumentException("extra context must not redefine '" + key + "'");
                }
            }
            this.extraContext = Collections.unmodifiableMap(new LinkedHashMap<>(extraContext));
            return this;
        }

        /** The context map, ready for {@link dev.hayloft.templates.Template#render(Map)}. */
        public Map<String, Object> build() {
            Map<String, Object> context = new LinkedHashMap<>(specialTokens);
            context.putAll(extraContext);
            context.put("messages", messages);
            context.put("tools", tools);
            context.put("documents", documents);
            context.put("add_generation_prompt", addGenerationPrompt);
            return context;
        }
    }
}
