package dev.hayloft.core.builders;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a generator's replies (strings or {@link ChatMessage}s) into {@link GeneratedAnswer}s,
 * Haystack's {@code AnswerBuilder}: an optional regex {@code pattern} extracts the answer
 * (its single capture group, or the whole match), and an optional {@code referencePattern}
 * picks the documents the reply cites by 1-based index ({@code [2]}); without it every
 * document is attached.
 *
 * <pre>{@code
 * AnswerBuilder builder = AnswerBuilder.builder().pattern("Answer: (.*)").referencePattern("\\[(\\d+)\\]").build();
 * List<GeneratedAnswer> answers = builder.run("Who?", List.of("Answer: Ada [1]"), null, docs, null, null).answers();
 * }</pre>
 */
public final class AnswerBuilder implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerBuilder.class);

    /** The output: one answer per reply. */
    public record Result(List<GeneratedAnswer> answers) {
    }

    private final String pattern;
    private final String referencePattern;
    private final boolean lastMessageOnly;

    private AnswerBuilder(Builder b) {
        this.pattern = b.pattern;
        this.referencePattern = b.referencePattern;
        this.lastMessageOnly = b.lastMessageOnly;
        if (pattern != null) {
            checkGroups(pattern, "pattern");
        }
        if (referencePattern != null) {
            compile(referencePattern, "referencePattern");
        }
    }

    /** An answer builder with no patterns. */
    public AnswerBuilder() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds answers. {@code replies} holds strings or chat messages; {@code meta}, when given,
     * must have one entry per reply; run-time patterns override the configured ones.
     */
    @Run
    public Result run(@Input("query") String query, @Input("replies") List<?> replies,
            @Input(value = "meta", optional = true) List<Map<String, Object>> meta,
            @Input(value = "documents", optional = true) List<Document> documents,
            @Input(value = "pattern", optional = true) String pattern,
            @Input(value = "reference_pattern", optional = true) String referencePattern) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (replies == null) {
            throw new IllegalArgumentException("replies must not be null");
        }
        if (meta != null && !meta.isEmpty() && meta.size() != replies.size()) {
            throw new IllegalArgumentException("Number of replies (" + replies.size() + "), and metadata ("
                    + meta.size() + ") must match.");
        }
        if (pattern != null) {
            checkGroups(pattern, "pattern");
        }
        String pat = pattern != null ? pattern : this.pattern;
        String ref = referencePattern != null ? referencePattern : this.referencePattern;
        int from = lastMessageOnly && !replies.isEmpty() ? replies.size() - 1 : 0;
        List<GeneratedAnswer> answers = new ArrayList<>();
        for (int i = from; i < replies.size(); i++) {
            Object reply = replies.get(i);
            String text;
            Map<String, Object> m = new LinkedHashMap<>();
            if (reply instanceof ChatMessage) {
                text = ((ChatMessage) reply).text() == null ? "" : ((ChatMessage) reply).text();
                m.putAll(((ChatMessage) reply).meta());
            } else if (reply instanceof String) {
                text = (String) reply;
            } else {
                throw new IllegalArgumentException("replies[" + i + "] must be a String or a ChatMessage, got "
                        + (reply == null ? "null" : reply.getClass().getSimpleName()));
            }
            if (meta != null && !meta.isEmpty() && meta.get(i) != null) {
                m.putAll(meta.get(i));
            }
            m.put("all_messages", replies);
            List<Document> referenced = new ArrayList<>();
            if (documents != null && !documents.isEmpty()) {
                for (int idx : ref != null ? references(text, ref) : range(documents.size())) {
                    if (idx >= 0 && idx < documents.size()) {
                        referenced.add(documents.get(idx));
                    } else {
                        LOG.warn("Document index '{}' referenced in Generator output is out of range.", idx + 1);
                    }
                }
            }
            answers.add(new GeneratedAnswer(extract(text, pat), query, referenced, m));
        }
        return new Result(answers);
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static String extract(String reply, String pattern) {
        if (pattern == null) {
            return reply;
        }
        Matcher m = compile(pattern, "pattern").matcher(reply);
        if (!m.find()) {
            return "";
        }
        return m.groupCount() == 0 ? m.group(0) : (m.group(1) == null ? "" : m.group(1));
    }

    private static List<Integer> references(String reply, String pattern) {
        List<Integer> out = new ArrayList<>();
        Matcher m = compile(pattern, "reference_pattern").matcher(reply);
        while (m.find()) {
            String g = m.groupCount() >= 1 ? m.group(1) : m.group(0);
            try {
                out.add(Integer.parseInt(g.trim()) - 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reference_pattern matched '" + g + "', which is not a document "
                        + "number", e);
            }
        }
        return out;
    }

    private static Pattern compile(String regex, String field) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + ": invalid regular expression: " + e.getDescription(), e);
        }
    }

    private static void checkGroups(String regex, String field) {
        if (compile(regex, field).matcher("").groupCount() > 1) {
            throw new IllegalArgumentException("Pattern '" + regex + "' contains multiple capture groups. Please "
                    + "specify a pattern with at most one capture group.");
        }
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("pattern", pattern);
        init.put("reference_pattern", referencePattern);
        init.put("last_message_only", lastMessageOnly);
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output. */
    public static AnswerBuilder fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, AnswerBuilder.class);
    }

    static AnswerBuilder fromInitParameters(DictReader init, DeserializationContext ctx) {
        return builder().pattern(init.string("pattern", null))
                .referencePattern(init.string("reference_pattern", null))
                .lastMessageOnly(init.bool("last_message_only", false)).build();
    }

    /** Builds {@link AnswerBuilder}s. */
    public static final class Builder {
        private String pattern;
        private String referencePattern;
        private boolean lastMessageOnly;

        private Builder() {
        }

        /** Regex extracting the answer (at most one capture group). */
        public Builder pattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        /** Regex finding 1-based document references, e.g. {@code \[(\d+)\]}. */
        public Builder referencePattern(String referencePattern) {
            this.referencePattern = referencePattern;
            return this;
        }

        /** Build an answer from the last reply only. */
        public Builder lastMessageOnly(boolean lastMessageOnly) {
            this.lastMessageOnly = lastMessageOnly;
            return this;
        }

        public AnswerBuilder build() {
            return new AnswerBuilder(this);
        }
    }
}
