package dev.hayloft.core.answers;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.generation.ChatGenerator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link DocumentAnswerGenerator} spells its sampling settings ({@code max_tokens},
 * {@code stop_words}, {@code temperature}, the penalties, the number of answers) in the
 * {@code generation_kwargs} of its chat generator, since each backend names them differently
 * and some refuse keys they do not know.
 *
 * <table>
 * <caption>Keys sent per dialect</caption>
 * <tr><th>dialect</th><th>max tokens</th><th>stop words</th><th>temperature</th><th>penalties</th><th>several answers</th></tr>
 * <tr><td>{@link #OPENAI}</td><td>{@code max_tokens}</td><td>{@code stop}</td><td>{@code temperature}</td>
 *     <td>{@code presence_penalty}, {@code frequency_penalty}</td><td>{@code n}</td></tr>
 * <tr><td>{@link #HUGGING_FACE_API}</td><td>{@code max_tokens}</td><td>{@code stop}</td><td>{@code temperature}</td>
 *     <td>{@code presence_penalty}, {@code frequency_penalty}</td><td>one call per answer</td></tr>
 * <tr><td>{@link #HUGGING_FACE_LOCAL}</td><td>{@code max_new_tokens}</td><td>{@code stop_sequences}</td>
 *     <td>{@code do_sample} + {@code temperature} (greedy at 0)</td><td>not sent</td>
 *     <td>{@code num_return_sequences} when sampling, else one call per answer</td></tr>
 * <tr><td>{@link #PASS_THROUGH}</td><td colspan="4">nothing: only the user's {@code generation_kwargs}</td>
 *     <td>one call per answer</td></tr>
 * </table>
 *
 * <pre>{@code
 * KwargsDialect d = KwargsDialect.detect(chatGenerator);   // OPENAI for OpenAIChatGenerator
 * DocumentAnswerGenerator.builder(reasoningModel).kwargsDialect(KwargsDialect.PASS_THROUGH)
 *         .generationKwargs(Map.of("max_completion_tokens", 400)).build();
 * }</pre>
 */
public enum KwargsDialect {
    /** OpenAI chat completions: OpenAI, Azure OpenAI and OpenAI-compatible servers (vLLM, TGI, Ollama). */
    OPENAI("openai", true),
    /** Hugging Face's chat completion API (TGI, Inference Endpoints, the HF router): no {@code n}. */
    HUGGING_FACE_API("hugging_face_api", false),
    /** transformers' generation parameters, as the in-process Hugging Face chat generator takes them. */
    HUGGING_FACE_LOCAL("hugging_face_local", true),
    /** Nothing but the user's {@code generation_kwargs} (e.g. reasoning models that refuse {@code max_tokens}). */
    PASS_THROUGH("pass_through", false);

    private static final Map<String, KwargsDialect> BY_HAYSTACK_TYPE = Map.of(
            "haystack.components.generators.chat.openai.OpenAIChatGenerator", OPENAI,
            "haystack.components.generators.chat.azure.AzureOpenAIChatGenerator", OPENAI,
            "haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator", HUGGING_FACE_API,
            "haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator",
            HUGGING_FACE_LOCAL);
    private static final String FALLBACK = "haystack.components.generators.chat.fallback.FallbackChatGenerator";

    private final String value;
    private final boolean multipleAnswers;

    KwargsDialect(String value, boolean multipleAnswers) {
        this.value = value;
        this.multipleAnswers = multipleAnswers;
    }

    /** The name in {@code toDict} ({@code "openai"}, {@code "hugging_face_local"}...). */
    public String value() {
        return value;
    }

    /**
     * Whether one request can return {@code n} answers at {@code temperature} ({@code n} on
     * OpenAI; {@code num_return_sequences} locally, which needs sampling, so not at 0).
     */
    public boolean multipleAnswersPerCall(double temperature) {
        return this == HUGGING_FACE_LOCAL ? temperature > 0 : multipleAnswers;
    }

    /**
     * The dialect named {@code value}.
     *
     * @throws IllegalArgumentException naming {@code kwargs_dialect} for an unknown name
     */
    public static KwargsDialect fromValue(String value) {
        for (KwargsDialect d : values()) {
            if (d.value.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("kwargs_dialect must be one of openai, hugging_face_api, "
                + "hugging_face_local, pass_through; got '" + value + "'");
    }

    /**
     * The dialect of {@code generator}, from its registered Haystack type (in the default
     * registry): OpenAI and Azure OpenAI → {@link #OPENAI}, Hugging Face API →
     * {@link #HUGGING_FACE_API}, Hugging Face local → {@link #HUGGING_FACE_LOCAL}; a fallback
     * generator whose generators all share one dialect → that one; anything else →
     * {@link #PASS_THROUGH}.
     */
    public static KwargsDialect detect(ChatGenerator generator) {
        return detect(generator, ComponentRegistry.defaults());
    }

    /** {@link #detect(ChatGenerator)} with the types registered in {@code registry}. */
    public static KwargsDialect detect(ChatGenerator generator, ComponentRegistry registry) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(registry, "registry");
        String type = registry.typeOf(generator.getClass()).map(ComponentType::haystackName).orElse(null);
        if (FALLBACK.equals(type)) {
            return fallbackDialect(generator, registry);
        }
        return type == null ? PASS_THROUGH : BY_HAYSTACK_TYPE.getOrDefault(type, PASS_THROUGH);
    }

    /** The one dialect of a fallback generator's generators, read from its {@code toDict}, or pass-through. */
    private static KwargsDialect fallbackDialect(ChatGenerator fallback, ComponentRegistry registry) {
        Object nested;
        try {
            Object init = fallback.toDict().get("init_parameters");
            nested = init instanceof Map ? ((Map<?, ?>) init).get("chat_generators") : null;
        } catch (RuntimeException e) {
            return PASS_THROUGH;   // e.g. a generator holding a token secret, which refuses to serialise
        }
        if (!(nested instanceof List) || ((List<?>) nested).isEmpty()) {
            return PASS_THROUGH;
        }
        KwargsDialect common = null;
        for (Object g : (List<?>) nested) {
            Object type = g instanceof Map ? ((Map<?, ?>) g).get("type") : null;
            Optional<String> haystack = type instanceof String
                    ? registry.lookup((String) type).map(ComponentType::haystackName) : Optional.empty();
            KwargsDialect d = haystack.map(h -> BY_HAYSTACK_TYPE.getOrDefault(h, PASS_THROUGH)).orElse(PASS_THROUGH);
            if (common != null && common != d) {
                return PASS_THROUGH;
            }
            common = d;
        }
        return common;
    }
}
