package dev.hayloft.core.internal;

import dev.hayloft.core.answers.AnswerExample;
import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.generation.TokenCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The prompt of {@code DocumentAnswerGenerator}: a {@link ChatPromptBuilder} over its template
 * with the variables {@code query}, {@code context} (the documents' contents joined, most
 * relevant last, as Haystack 1.x put them next to the question), {@code documents} (most
 * relevant first), {@code examples_context} and {@code examples}; and the budget that keeps
 * the rendered prompt plus the answer's tokens within the context window, by leaving out
 * documents (the least relevant first, each one that does not fit).
 *
 * <pre>{@code
 * AnswerPrompts prompts = new AnswerPrompts(template, "In 2017, ...", examples, " ");
 * AnswerPrompts.Fitted f = prompts.fit("Who?", documents, TokenCounter.estimate(), 4096 - 50);
 * }</pre>
 */
public final class AnswerPrompts {
    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of("query", "context", "documents", "examples_context",
            "examples");

    private final ChatPromptBuilder builder;
    private final String examplesContext;
    private final List<Map<String, Object>> examples;
    private final String joinStr;

    /**
     * A prompt over {@code template}.
     *
     * @throws IllegalArgumentException naming {@code template} when it does not parse, uses a
     *         variable other than {@link #VARIABLES}, or lacks {@code query} or both of
     *         {@code context} and {@code documents}
     */
    public AnswerPrompts(List<ChatMessage> template, String examplesContext, List<AnswerExample> examples,
            String joinStr) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("template must be a non-empty list of messages");
        }
        this.builder = ChatPromptBuilder.builder(template).allVariablesRequired().build();
        Set<String> used = new TreeSet<>(builder.variables());
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(VARIABLES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("template uses " + unknown + ", which DocumentAnswerGenerator does not "
                    + "fill; the variables it fills are " + new TreeSet<>(VARIABLES));
        }
        if (!used.contains("query") || !(used.contains("context") || used.contains("documents"))) {
            throw new IllegalArgumentException("template must use 'query' and 'context' (or 'documents'); it uses "
                    + used);
        }
        this.examplesContext = examplesContext;
        List<Map<String, Object>> ex = new ArrayList<>();
        examples.forEach(e -> ex.add(e.toTemplateValue()));
        this.examples = Collections.unmodifiableList(ex);
        this.joinStr = joinStr;
    }

    /**
     * A prompt that fits.
     *
     * @param prompt the rendered messages
     * @param text the prompt's text (the messages' texts joined by blank lines)
     * @param included the documents in the prompt, most relevant first
     * @param skipped the documents left out (no text content, or over the budget)
     * @param tokens the prompt's tokens as counted
     */
    public record Fitted(List<ChatMessage> prompt, String text, List<Document> included, List<Document> skipped,
            int tokens) {
    }

    /** The prompt with {@code documents} (in relevance order) and no budget. */
    public List<ChatMessage> render(String query, List<Document> documents) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("query", query);
        List<String> contents = new ArrayList<>();
        documents.forEach(d -> contents.add(d.content()));
        Collections.reverse(contents);
        values.put("context", String.join(joinStr, contents));
        values.put("documents", documents);
        values.put("examples_context", examplesContext);
        values.put("examples", examples);
        return builder.render(values);
    }

    /**
     * The prompt with as many of {@code documents} as fit in {@code budget} tokens (the
     * context window less the answer's tokens): each document, most relevant first, is kept
     * when its tokens still fit; the rendered prompt is then counted and, while it is over,
     * the least relevant kept document is dropped.
     *
     * @throws ContextLengthExceededException when the prompt without any document is over the budget
     */
    public Fitted fit(String query, List<Document> documents, TokenCounter counter, int budget) {
        List<Document> candidates = new ArrayList<>();
        List<Document> skipped = new ArrayList<>();
        for (Document d : documents) {
            (d.content() == null ? skipped : candidates).add(d);
        }
        List<ChatMessage> bare = render(query, List.of());
        int used = counter.countTokens(bare);
        if (used > budget) {
            throw new ContextLengthExceededException("The answer prompt without documents takes " + used
                    + " tokens, over the " + budget + " tokens the context window leaves after max_tokens; shorten "
                    + "the query, the examples or the template, lower max_tokens or raise context_window",
                    GenerationException.details("DocumentAnswerGenerator"), null);
        }
        int joiner = counter.countTokens(joinStr);
        List<Integer> keptAt = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int cost = counter.countTokens(candidates.get(i).content()) + (keptAt.isEmpty() ? 0 : joiner);
            if (used + cost <= budget) {
                keptAt.add(i);
                used += cost;
            }
        }
        List<Document> kept = new ArrayList<>();
        keptAt.forEach(i -> kept.add(candidates.get(i)));
        List<ChatMessage> prompt = render(query, kept);
        int tokens = counter.countTokens(prompt);
        while (tokens > budget && !kept.isEmpty()) {
            kept.remove(kept.size() - 1);
            keptAt.remove(keptAt.size() - 1);
            prompt = render(query, kept);
            tokens = counter.countTokens(prompt);
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (!keptAt.contains(i)) {
                skipped.add(candidates.get(i));
            }
        }
        return new Fitted(prompt, text(prompt), List.copyOf(kept), List.copyOf(skipped), tokens);
    }

    private static String text(List<ChatMessage> prompt) {
        return prompt.stream().map(m -> m.text() == null ? "" : m.text()).collect(Collectors.joining("\n\n"));
    }
}
