package dev.hayloft.core.answers;

import dev.hayloft.core.builders.AnswerBuilder;
import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.internal.AnswerFlow;
import dev.hayloft.core.internal.AnswerPrompts;
import dev.hayloft.core.internal.AnswerEngine;
import dev.hayloft.core.internal.Futures;
import dev.hayloft.core.moderation.Moderation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a question from documents, the Haystack 2 way of Haystack 1.x's
 * {@code OpenAIAnswerGenerator}: a {@link ChatPromptBuilder} renders Haystack 1.x's default
 * prompt (the instruction, few-shot {@code examples} with their {@code examples_context}, the
 * documents as {@code context}, the question) → any {@link ChatGenerator} (OpenAI, Azure,
 * Hugging Face API or local, fallback) → an {@link AnswerBuilder} making
 * {@link GeneratedAnswer}s that reference the documents in the prompt.
 *
 * <p><b>Prompt budget.</b> The prompt plus {@code max_tokens} must fit the context window:
 * documents (most relevant first) that do not fit are left out, and the result's meta says
 * which made it in ({@code doc_ids}) and which did not ({@code skipped_doc_ids}). Tokens are
 * counted with the chat generator's own tokenizer where it has one ({@link TokenCounting}, e.g.
 * the local Hugging Face generator), else estimated at {@value TokenCounter#DEFAULT_CHARS_PER_TOKEN}
 * characters a token; the window is the generator's where it knows it, else
 * {@value #DEFAULT_CONTEXT_WINDOW} tokens. Both can be set.
 *
 * <p><b>Answers.</b> {@code top_k} answers come from one request asking for {@code n} where
 * the backend can ({@link KwargsDialect}), else from one request per answer. Each answer's meta
 * has the reply's meta and Haystack 1.x's {@code doc_ids}, {@code doc_scores}, {@code content},
 * {@code titles} and {@code prompt}.
 *
 * <p><b>Moderation.</b> With a {@link Moderation}, the prompt is checked before generating and
 * the answers after: when either is flagged the result has no answers and its meta's
 * {@code moderation} entry says why ({@code stage} {@code "input"} or {@code "answers"}, the
 * categories).
 *
 * <p><b>Batches.</b> {@link #runBatch(List, BatchOptions)} answers many queries with bounded
 * concurrency; a failing query is reported in the {@link AnswerBatch} without losing the others.
 *
 * <pre>{@code
 * try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(
 *         OpenAIChatGenerator.builder().model("gpt-4o-mini").build()).topK(1).build()) {
 *     DocumentAnswerGenerator.Result r = answerer.run("Who wrote Emma?",
 *             List.of(Document.of("Emma is a novel by Jane Austen.")));
 *     System.out.println(r.answers().get(0).data() + " " + r.meta().get("doc_ids"));
 * }
 * }</pre>
 */
public final class DocumentAnswerGenerator implements Component, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentAnswerGenerator.class);

    /** Haystack 1.x's default examples context, from OpenAI's Answers API documentation. */
    public static final String DEFAULT_EXAMPLES_CONTEXT = "In 2017, U.S. life expectancy was 78.6 years.";
    /** Haystack 1.x's default example. */
    public static final List<AnswerExample> DEFAULT_EXAMPLES = List.of(
            new AnswerExample("What is human life expectancy in the United States?", "78 years."));
    /** Haystack 1.x's default stop words. */
    public static final List<String> DEFAULT_STOP_WORDS = List.of("\n", "<|endoftext|>");
    /** Haystack 1.x's default prompt ({@code question-answering-with-examples}) as a Jinja template. */
    public static final String DEFAULT_PROMPT = "Please answer the question according to the above context.\n"
            + "===\nContext: {{ examples_context }}\n===\n"
            + "{% for example in examples %}Q: {{ example.question }}\nA: {{ example.answer }}"
            + "{% if not loop.last %}\n---\n{% endif %}{% endfor %}\n\n"
            + "===\nContext: {{ context }}\n===\nQ: {{ query }}\nA:";
    /** The default template: {@link #DEFAULT_PROMPT} as one user message. */
    public static final List<ChatMessage> DEFAULT_TEMPLATE = List.of(ChatMessage.fromUser(DEFAULT_PROMPT));
    /** The context window assumed when neither set nor known by the generator. */
    public static final int DEFAULT_CONTEXT_WINDOW = 4096;

    /**
     * The output.
     *
     * @param answers the answers (none when moderation flagged the prompt or the answers)
     * @param meta the request's meta: {@code prompt}, {@code doc_ids}, {@code skipped_doc_ids},
     *        {@code prompt_tokens}, {@code context_window}, and {@code moderation} when flagged
     */
    public record Result(List<GeneratedAnswer> answers, Map<String, Object> meta) {
        public Result {
            answers = List.copyOf(Objects.requireNonNull(answers, "answers"));
            meta = JsonValues.immutableMap(meta);
        }
    }

    private final Builder settings;
    private final AnswerEngine engine;

    private DocumentAnswerGenerator(Builder b) {
        this.settings = AnswerDicts.copy(b);
        AnswerPrompts prompts = new AnswerPrompts(b.template, b.examplesContext, b.examples, b.contextJoinStr);
        KwargsDialect dialect = b.kwargsDialect != null ? b.kwargsDialect : KwargsDialect.detect(b.chatGenerator);
        AnswerBuilder answers = AnswerBuilder.builder().pattern(b.pattern).referencePattern(b.referencePattern).build();
        AnswerFlow flow = new AnswerFlow(b.chatGenerator, b.moderation, answers, dialect, new AnswerFlow.Sampling(
                b.maxTokens, b.stopWords, b.temperature, b.presencePenalty, b.frequencyPenalty), b.generationKwargs);
        this.engine = new AnswerEngine(b.chatGenerator, prompts, flow, b.tokenCounter, b.charsPerToken,
                b.contextWindow, b.maxTokens, b.topK, b.progressBar);
    }

    /** A builder over {@code chatGenerator} with Haystack 1.x's defaults. */
    public static Builder builder(ChatGenerator chatGenerator) {
        return new Builder(chatGenerator);
    }

    /** A builder holding this component's settings. */
    public Builder toBuilder() {
        return AnswerDicts.copy(settings);
    }

    /** The chat generator. */
    public ChatGenerator chatGenerator() {
        return settings.chatGenerator;
    }

    /** The moderation, or null. */
    public Moderation moderation() {
        return settings.moderation;
    }

    /** The dialect the sampling settings are sent in (set, or detected from the chat generator). */
    public KwargsDialect kwargsDialect() {
        return engine.flow().dialect();
    }

    /** Warms up the chat generator and the moderation. */
    @Override
    public void warmUp() {
        settings.chatGenerator.warmUp();
        if (settings.moderation != null) {
            settings.moderation.warmUp();
        }
    }

    /**
     * Answers {@code query} from {@code documents} (most relevant first; null for none).
     *
     * @param topK answers to generate, null for the build-time {@code top_k}
     * @param generationKwargs kwargs over the build-time ones and the sampling settings, or null
     * @throws IllegalArgumentException naming {@code query}, {@code documents} or {@code top_k} for bad input
     * @throws dev.hayloft.core.errors.ContextLengthExceededException when the prompt does not fit even without documents
     * @throws dev.hayloft.core.errors.GenerationException when generation or moderation fails
     */
    @Run
    public Result run(@Input("query") String query,
            @Input(value = "documents", optional = true) List<Document> documents,
            @Input(value = "top_k", optional = true) Integer topK,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs) {
        return Futures.await(runAsync(query, documents, topK, generationKwargs));
    }

    /** Answers {@code query} from {@code documents} with the build-time settings. */
    public Result run(String query, List<Document> documents) {
        return run(query, documents, null, null);
    }

    /**
     * Answers asynchronously: generation runs where the chat generator's {@code runAsync} runs
     * it, moderation where the moderation's does. The prompt is fitted on the calling thread.
     * Cancelling the future cancels the request in flight. Failures complete the future.
     */
    public CompletableFuture<Result> runAsync(String query, List<Document> documents, Integer topK,
            Map<String, Object> generationKwargs) {
        return engine.answer(query, documents, topK, generationKwargs);
    }

    /** Answers each query from the same {@code documents}, with the default {@link BatchOptions}. */
    public AnswerBatch runBatch(List<String> queries, List<Document> documents) {
        return runBatch(AnswerRequest.of(queries, documents), BatchOptions.defaults());
    }

    /**
     * Answers every request, at most {@link BatchOptions#concurrency()} at a time. Never throws
     * for a failing request: its error is in the returned batch.
     *
     * @throws IllegalArgumentException naming {@code requests} or {@code options} when null
     */
    public AnswerBatch runBatch(List<AnswerRequest> requests, BatchOptions options) {
        return Futures.await(runBatchAsync(requests, options));
    }

    /** Like {@link #runBatch(List, BatchOptions)}, without blocking; cancelling stops the batch. */
    public CompletableFuture<AnswerBatch> runBatchAsync(List<AnswerRequest> requests, BatchOptions options) {
        return engine.batch(requests, options);
    }

    /** Closes the chat generator and the moderation where they are {@link AutoCloseable}: they belong to this component. */
    @Override
    public void close() {
        try {
            AnswerEngine.closeIfCloseable(settings.chatGenerator);
        } finally {
            AnswerEngine.closeIfCloseable(settings.moderation);
        }
    }

    /** {@code {"type", "init_parameters": {"chat_generator": {...}, "template", "examples", ...}}}. */
    @Override
    public Map<String, Object> toDict() {
        return AnswerDicts.toDict(this, settings);
    }

    /** Rebuilds a component (and its chat generator and moderation) from {@link #toDict()} output. */
    public static DocumentAnswerGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, DocumentAnswerGenerator.class);
    }

    static DocumentAnswerGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        return AnswerDicts.fromInit(init, ctx);
    }

    @Override
    public String toString() {
        return "DocumentAnswerGenerator[" + settings.chatGenerator.getClass().getSimpleName() + ", top_k="
                + settings.topK + ", dialect=" + engine.flow().dialect().value() + "]";
    }

    /**
     * Builds {@link DocumentAnswerGenerator}s; only the chat generator is required. The
     * defaults are Haystack 1.x's: {@code top_k} 5, {@code max_tokens} 50, {@code temperature}
     * 0.2, both penalties 0.1, the stop words {@code "\n"} and {@code "<|endoftext|>"}, the
     * documents joined by one space, {@code progress_bar} on.
     *
     * <pre>{@code
     * DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat)
     *         .examplesContext("Ottawa is the capital of Canada.")
     *         .examples(List.of(new AnswerExample("What is the capital of Canada?", "Ottawa.")))
     *         .topK(1).maxTokens(100).stopWords(List.of())
     *         .contextWindow(128_000)
     *         .moderation(OpenAIModeration.builder().build())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        ChatGenerator chatGenerator;
        List<ChatMessage> template = DEFAULT_TEMPLATE;
        String examplesContext = DEFAULT_EXAMPLES_CONTEXT;
        List<AnswerExample> examples = DEFAULT_EXAMPLES;
        boolean examplesSet;
        boolean examplesContextSet;
        String contextJoinStr = " ";
        int topK = 5;
        int maxTokens = 50;
        double temperature = 0.2;
        double presencePenalty = 0.1;
        double frequencyPenalty = 0.1;
        List<String> stopWords = DEFAULT_STOP_WORDS;
        Map<String, Object> generationKwargs = Map.of();
        KwargsDialect kwargsDialect;
        Integer contextWindow;
        Double charsPerToken;
        TokenCounter tokenCounter;
        Moderation moderation;
        String pattern;
        String referencePattern;
        boolean progressBar = true;

        Builder(ChatGenerator chatGenerator) {
            this.chatGenerator = chatGenerator;
        }

        /** The chat generator answering. */
        public Builder chatGenerator(ChatGenerator chatGenerator) {
            this.chatGenerator = chatGenerator;
            return this;
        }

        /**
         * The prompt, as {@link ChatPromptBuilder} message templates using {@code query} and
         * {@code context} (or {@code documents}), optionally {@code examples_context} and
         * {@code examples}; default {@link DocumentAnswerGenerator#DEFAULT_TEMPLATE}.
         */
        public Builder template(List<ChatMessage> template) {
            this.template = template;
            return this;
        }

        /** The context the examples are answered from; default {@link DocumentAnswerGenerator#DEFAULT_EXAMPLES_CONTEXT}. */
        public Builder examplesContext(String examplesContext) {
            this.examplesContext = examplesContext;
            this.examplesContextSet = true;
            return this;
        }

        /** Few-shot examples (2 or 3 are recommended); default {@link DocumentAnswerGenerator#DEFAULT_EXAMPLES}. */
        public Builder examples(List<AnswerExample> examples) {
            this.examples = examples;
            this.examplesSet = true;
            return this;
        }

        /** What joins the documents' contents into {@code context}; default one space. */
        public Builder contextJoinStr(String contextJoinStr) {
            this.contextJoinStr = contextJoinStr;
            return this;
        }

        /** Answers per query; default 5. */
        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        /** The answer's token limit, reserved in the context window; default 50. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Sampling temperature, 0 (greedy) to 2; default 0.2. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** OpenAI's presence penalty, -2 to 2; default 0.1 (not sent to local models). */
        public Builder presencePenalty(double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        /** OpenAI's frequency penalty, -2 to 2; default 0.1 (not sent to local models). */
        public Builder frequencyPenalty(double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        /** Sequences that end an answer (OpenAI takes up to 4); default {@link DocumentAnswerGenerator#DEFAULT_STOP_WORDS}. */
        public Builder stopWords(List<String> stopWords) {
            this.stopWords = stopWords;
            return this;
        }

        /** Kwargs sent with every request, over the sampling settings (e.g. {@code seed}). */
        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            this.generationKwargs = generationKwargs == null ? Map.of() : generationKwargs;
            return this;
        }

        /** How the sampling settings are spelled; null (default) detects it from the chat generator. */
        public Builder kwargsDialect(KwargsDialect kwargsDialect) {
            this.kwargsDialect = kwargsDialect;
            return this;
        }

        /** The model's context window in tokens; null (default): the generator's, else {@value DocumentAnswerGenerator#DEFAULT_CONTEXT_WINDOW}. */
        public Builder contextWindow(Integer contextWindow) {
            this.contextWindow = contextWindow;
            return this;
        }

        /** Estimate tokens at this many characters each instead of the generator's tokenizer. */
        public Builder charsPerToken(Double charsPerToken) {
            this.charsPerToken = charsPerToken;
            return this;
        }

        /** Count tokens with {@code tokenCounter}, over {@link #charsPerToken} (run-time only: not in {@code toDict}). */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = tokenCounter;
            return this;
        }

        /** Moderates the prompt and the answers; null (default) for none. */
        public Builder moderation(Moderation moderation) {
            this.moderation = moderation;
            return this;
        }

        /** {@link AnswerBuilder}'s {@code pattern}: a regex extracting the answer from the reply. */
        public Builder pattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        /** {@link AnswerBuilder}'s {@code reference_pattern}: answers reference only the documents the reply cites. */
        public Builder referencePattern(String referencePattern) {
            this.referencePattern = referencePattern;
            return this;
        }

        /** Show a progress bar on standard error for batches when a console is attached; default on. */
        public Builder progressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /**
         * Validates and builds. No I/O: the token counter and context window of a generator that
         * knows them are read on first use.
         *
         * @throws IllegalArgumentException naming the offending setting
         */
        public DocumentAnswerGenerator build() {
            AnswerDicts.validate(this);
            if (examplesSet != examplesContextSet) {
                LOG.warn("If providing examples or examples_context, we recommend providing both of them so the "
                        + "examples correctly refer to the examples_context.");
            }
            return new DocumentAnswerGenerator(this);
        }
    }
}
