package dev.hayloft.core.answers;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.moderation.Moderation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link DocumentAnswerGenerator}'s settings: validation, copies, and the {@code toDict}/{@code fromDict} shape. */
final class AnswerDicts {
    private static final Set<String> INIT_PARAMETERS = Set.of("chat_generator", "template", "examples_context",
            "examples", "context_join_str", "top_k", "max_tokens", "temperature", "presence_penalty",
            "frequency_penalty", "stop_words", "generation_kwargs", "kwargs_dialect", "context_window",
            "chars_per_token", "moderation", "pattern", "reference_pattern", "progress_bar");

    private AnswerDicts() {
    }

    static void validate(DocumentAnswerGenerator.Builder b) {
        require(b.chatGenerator != null, "chat_generator must not be null");
        require(b.template != null && !b.template.isEmpty(), "template must be a non-empty list of messages");
        require(b.examplesContext != null, "examples_context must not be null");
        require(b.examples != null, "examples must not be null");
        for (int i = 0; i < b.examples.size(); i++) {
            require(b.examples.get(i) != null, "examples[" + i + "] must not be null");
        }
        require(b.contextJoinStr != null, "context_join_str must not be null");
        require(b.topK >= 1, "top_k must be >= 1 but was " + b.topK);
        require(b.maxTokens >= 1, "max_tokens must be >= 1 but was " + b.maxTokens);
        require(b.temperature >= 0 && b.temperature <= 2, "temperature must be between 0 and 2 but was "
                + b.temperature);
        require(b.presencePenalty >= -2 && b.presencePenalty <= 2, "presence_penalty must be between -2 and 2 but was "
                + b.presencePenalty);
        require(b.frequencyPenalty >= -2 && b.frequencyPenalty <= 2, "frequency_penalty must be between -2 and 2 but "
                + "was " + b.frequencyPenalty);
        require(b.stopWords != null, "stop_words must not be null");
        for (int i = 0; i < b.stopWords.size(); i++) {
            String s = b.stopWords.get(i);
            require(s != null && !s.isEmpty(), "stop_words[" + i + "] must be a non-empty string");
        }
        require(b.contextWindow == null || b.contextWindow > b.maxTokens, "context_window (" + b.contextWindow
                + ") must be larger than max_tokens (" + b.maxTokens + ")");
        require(b.charsPerToken == null || b.charsPerToken > 0 && !b.charsPerToken.isInfinite(),
                "chars_per_token must be a finite number > 0 but was " + b.charsPerToken);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static DocumentAnswerGenerator.Builder copy(DocumentAnswerGenerator.Builder s) {
        DocumentAnswerGenerator.Builder b = new DocumentAnswerGenerator.Builder(s.chatGenerator);
        b.template = List.copyOf(s.template);
        b.examplesContext = s.examplesContext;
        b.examples = List.copyOf(s.examples);
        b.examplesSet = s.examplesSet;
        b.examplesContextSet = s.examplesContextSet;
        b.contextJoinStr = s.contextJoinStr;
        b.topK = s.topK;
        b.maxTokens = s.maxTokens;
        b.temperature = s.temperature;
        b.presencePenalty = s.presencePenalty;
        b.frequencyPenalty = s.frequencyPenalty;
        b.stopWords = List.copyOf(s.stopWords);
        b.generationKwargs = JsonValues.immutableMap(s.generationKwargs);
        b.kwargsDialect = s.kwargsDialect;
        b.contextWindow = s.contextWindow;
        b.charsPerToken = s.charsPerToken;
        b.tokenCounter = s.tokenCounter;
        b.moderation = s.moderation;
        b.pattern = s.pattern;
        b.referencePattern = s.referencePattern;
        b.progressBar = s.progressBar;
        return b;
    }

    static Map<String, Object> toDict(Component component, DocumentAnswerGenerator.Builder s) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("chat_generator", s.chatGenerator.toDict());
        List<Object> template = new ArrayList<>();
        s.template.forEach(m -> template.add(m.toDict()));
        init.put("template", template);
        init.put("examples_context", s.examplesContext);
        List<Object> examples = new ArrayList<>();
        s.examples.forEach(e -> examples.add(e.toList()));
        init.put("examples", examples);
        init.put("context_join_str", s.contextJoinStr);
        init.put("top_k", s.topK);
        init.put("max_tokens", s.maxTokens);
        init.put("temperature", s.temperature);
        init.put("presence_penalty", s.presencePenalty);
        init.put("frequency_penalty", s.frequencyPenalty);
        init.put("stop_words", new ArrayList<>(s.stopWords));
        init.put("generation_kwargs", JsonValues.mutableMap(s.generationKwargs));
        init.put("kwargs_dialect", s.kwargsDialect == null ? null : s.kwargsDialect.value());
        init.put("context_window", s.contextWindow);
        init.put("chars_per_token", s.charsPerToken);
        init.put("moderation", s.moderation == null ? null : s.moderation.toDict());
        init.put("pattern", s.pattern);
        init.put("reference_pattern", s.referencePattern);
        init.put("progress_bar", s.progressBar);
        return Components.dict(component, init);
    }

    static DocumentAnswerGenerator fromInit(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        init.require("chat_generator");
        DocumentAnswerGenerator.Builder b = DocumentAnswerGenerator.builder(nested(init, "chat_generator", ctx,
                ChatGenerator.class));
        List<ChatMessage> template = init.optionalListOf("template", (m, i) -> ChatMessage.fromDict(m));
        if (template != null) {
            b.template(template);
        }
        String examplesContext = init.string("examples_context", null);
        if (examplesContext != null) {
            b.examplesContext(examplesContext);
        }
        List<Object> pairs = init.optionalList("examples");
        if (pairs != null) {
            List<AnswerExample> examples = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                examples.add(example(init, pairs.get(i), i));
            }
            b.examples(examples);
        }
        b.contextJoinStr(init.string("context_join_str", " "));
        Integer topK = init.optionalInt("top_k");
        Integer maxTokens = init.optionalInt("max_tokens");
        Double temperature = init.optionalDouble("temperature");
        Double presence = init.optionalDouble("presence_penalty");
        Double frequency = init.optionalDouble("frequency_penalty");
        b.topK(topK == null ? b.topK : topK).maxTokens(maxTokens == null ? b.maxTokens : maxTokens)
                .temperature(temperature == null ? b.temperature : temperature)
                .presencePenalty(presence == null ? b.presencePenalty : presence)
                .frequencyPenalty(frequency == null ? b.frequencyPenalty : frequency);
        List<String> stops = init.optionalStringList("stop_words");
        if (stops != null) {
            b.stopWords(stops);
        }
        b.generationKwargs(init.optionalMap("generation_kwargs"));
        String dialect = init.string("kwargs_dialect", null);
        try {
            b.kwargsDialect(dialect == null ? null : KwargsDialect.fromValue(dialect));
        } catch (IllegalArgumentException e) {
            throw init.error("kwargs_dialect", e.getMessage(), null);
        }
        b.contextWindow(init.optionalInt("context_window")).charsPerToken(init.optionalDouble("chars_per_token"));
        if (init.raw("moderation") != null) {
            b.moderation(nested(init, "moderation", ctx, Moderation.class));
        }
        return b.pattern(init.string("pattern", null)).referencePattern(init.string("reference_pattern", null))
                .progressBar(init.bool("progress_bar", true)).build();
    }

    private static <T> T nested(DictReader init, String key, DeserializationContext ctx, Class<T> type) {
        Component c = ctx.registry().fromDict(init.child(key));
        if (!type.isInstance(c)) {
            throw init.error(key, key + " must be a " + type.getSimpleName() + " but is a "
                    + c.getClass().getSimpleName(), null);
        }
        return type.cast(c);
    }

    /** {@code examples[i]}: a {@code [question, answer]} pair of strings. */
    private static AnswerExample example(DictReader init, Object pair, int i) {
        if (!(pair instanceof List) || ((List<?>) pair).size() != 2 || !(((List<?>) pair).get(0) instanceof String)
                || !(((List<?>) pair).get(1) instanceof String)) {
            throw init.error("examples", "examples[" + i + "] must be a [question, answer] pair of strings, got "
                    + DictReader.describe(pair), null);
        }
        return new AnswerExample((String) ((List<?>) pair).get(0), (String) ((List<?>) pair).get(1));
    }
}
