package dev.hayloft.core.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few-shot example for {@link DocumentAnswerGenerator}: a question and the answer it should
 * get from the examples' context, steering the model towards the tone and format you want.
 * Serialised as Haystack 1.x wrote its {@code examples}: a {@code [question, answer]} pair.
 *
 * <pre>{@code
 * List<AnswerExample> examples = List.of(
 *         new AnswerExample("What is human life expectancy in the United States?", "78 years."));
 * }</pre>
 *
 * @param question the example question (without a {@code Q:} prefix: the template adds it)
 * @param answer the example answer (without an {@code A:} prefix)
 */
public record AnswerExample(String question, String answer) {
    public AnswerExample {
        if (question == null) {
            throw new IllegalArgumentException("examples: question must not be null");
        }
        if (answer == null) {
            throw new IllegalArgumentException("examples: answer must not be null");
        }
    }

    /** {@code [question, answer]}. */
    public List<Object> toList() {
        List<Object> pair = new ArrayList<>();
        pair.add(question);
        pair.add(answer);
        return pair;
    }

    /** {@code {"question": ..., "answer": ...}}: how a template sees an example. */
    public Map<String, Object> toTemplateValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", question);
        m.put("answer", answer);
        return m;
    }
}
