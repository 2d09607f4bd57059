package dev.hayloft.core.internal;

import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.answers.KwargsDialect;
import dev.hayloft.core.builders.AnswerBuilder;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.moderation.Moderation;
import dev.hayloft.core.moderation.ModerationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer request of {@code DocumentAnswerGenerator} after its prompt is fitted: moderate
 * the prompt, generate {@code top_k} replies (one request with {@code n} where the dialect
 * allows, else one request per answer, one after the other), moderate the replies, and build
 * the answers with {@link AnswerBuilder} plus Haystack 1.x's answer meta. Every step is
 * asynchronous; cancelling the returned future cancels the step in flight.
 *
 * <pre>{@code
 * AnswerFlow flow = new AnswerFlow(chat, moderation, new AnswerBuilder(), KwargsDialect.OPENAI, sampling, Map.of());
 * CompletableFuture<DocumentAnswerGenerator.Result> f = flow.start("Who?", fitted, 5, null, meta);
 * }</pre>
 *
 * @param generator the chat generator
 * @param moderation the moderation, or null
 * @param answerBuilder builds the answers from the replies
 * @param dialect how the sampling settings are spelled
 * @param sampling the sampling settings
 * @param generationKwargs the build-time kwargs sent over the dialect's
 */
public record AnswerFlow(ChatGenerator generator, Moderation moderation, AnswerBuilder answerBuilder,
        KwargsDialect dialect, Sampling sampling, Map<String, Object> generationKwargs) {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerFlow.class);

    /**
     * The sampling settings of an answer request.
     *
     * @param maxTokens the answer's token limit
     * @param stopWords sequences that end an answer
     * @param temperature the sampling temperature (0: greedy)
     * @param presencePenalty OpenAI's presence penalty
     * @param frequencyPenalty OpenAI's frequency penalty
     */
    public record Sampling(int maxTokens, List<String> stopWords, double temperature, double presencePenalty,
            double frequencyPenalty) {
        public Sampling {
            stopWords = List.copyOf(stopWords);
        }
    }

    /** The {@code generation_kwargs} asking {@code dialect} for {@code n} answers with {@code s}. */
    public static Map<String, Object> kwargs(KwargsDialect dialect, Sampling s, int n) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (dialect == KwargsDialect.OPENAI || dialect == KwargsDialect.HUGGING_FACE_API) {
            kw.put("max_tokens", s.maxTokens());
            if (!s.stopWords().isEmpty()) {
                kw.put("stop", new ArrayList<>(s.stopWords()));
            }
            kw.put("temperature", s.temperature());
            kw.put("presence_penalty", s.presencePenalty());
            kw.put("frequency_penalty", s.frequencyPenalty());
            if (n > 1) {
                kw.put("n", n);
            }
        } else if (dialect == KwargsDialect.HUGGING_FACE_LOCAL) {
            kw.put("max_new_tokens", s.maxTokens());
            if (!s.stopWords().isEmpty()) {
                kw.put("stop_sequences", new ArrayList<>(s.stopWords()));
            }
            kw.put("do_sample", s.temperature() > 0);
            if (s.temperature() > 0) {
                kw.put("temperature", s.temperature());
            }
            if (n > 1) {
                kw.put("num_return_sequences", n);
            }
        }
        return kw;
    }

    /**
     * Answers {@code query} with the fitted prompt.
     *
     * @param meta the result's meta so far (prompt, documents, tokens); moderation reasons are added
     */
    public CompletableFuture<DocumentAnswerGenerator.Result> start(String query, AnswerPrompts.Fitted fitted,
            int topK, Map<String, Object> runtimeKwargs, Map<String, Object> meta) {
        Steps steps = new Steps();
        steps.then(moderate(List.of(fitted.text())), input -> {
            if (input != null && input.flagged()) {
                LOG.info("The answer prompt was flagged by moderation ({}); no answers are generated",
                        input.categories());
                return CompletableFuture.completedFuture(flagged(meta, "input", input));
            }
            return generate(steps, fitted.prompt(), topK, runtimeKwargs, new ArrayList<>()).thenCompose(
                    replies -> steps.then(moderate(texts(replies)), output -> {
                        if (output != null && output.flagged()) {
                            LOG.info("Answers were flagged by moderation ({}); they are not returned",
                                    output.categories());
                            return CompletableFuture.completedFuture(flagged(meta, "answers", output));
                        }
                        return CompletableFuture.completedFuture(answers(query, replies, fitted, meta));
                    }));
        }).whenComplete((r, t) -> {
            if (t != null) {
                steps.out.completeExceptionally(t instanceof CompletionException
                        && t.getCause() != null ? t.getCause() : t);
            } else {
                steps.out.complete(r);
            }
        });
        return steps.out;
    }

    private Supplier<CompletableFuture<ModerationResult>> moderate(List<String> texts) {
        return () -> moderation == null || texts.isEmpty() ? CompletableFuture.completedFuture(null)
                : moderation.moderateAsync(texts);
    }

    /** The replies of {@code topK} answers: one call asking for all, or one call per answer, in sequence. */
    private CompletableFuture<List<ChatMessage>> generate(Steps steps, List<ChatMessage> prompt, int topK,
            Map<String, Object> runtimeKwargs, List<ChatMessage> sofar) {
        boolean together = topK == 1 || dialect.multipleAnswersPerCall(sampling.temperature());
        Map<String, Object> kw = GenerationKwargs.merge(GenerationKwargs.merge(
                kwargs(dialect, sampling, together ? topK : 1), generationKwargs), runtimeKwargs);
        return steps.then(() -> generator.runAsync(prompt, kw, null, null), (ChatGeneratorResult r) -> {
            sofar.addAll(r.replies());
            if (together || sofar.size() >= topK || r.replies().isEmpty()) {
                return CompletableFuture.completedFuture(List.copyOf(sofar));
            }
            return generate(steps, prompt, topK, runtimeKwargs, sofar);
        });
    }

    private static List<String> texts(List<ChatMessage> replies) {
        List<String> out = new ArrayList<>();
        for (ChatMessage m : replies) {
            if (m.text() != null && !m.text().isEmpty()) {
                out.add(m.text());
            }
        }
        return out;
    }

    private static DocumentAnswerGenerator.Result flagged(Map<String, Object> meta, String stage,
            ModerationResult verdict) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("stage", stage);
        reason.putAll(verdict.toDict());
        m.put("moderation", reason);
        return new DocumentAnswerGenerator.Result(List.of(), m);
    }

    private DocumentAnswerGenerator.Result answers(String query, List<ChatMessage> replies,
            AnswerPrompts.Fitted fitted, Map<String, Object> meta) {
        List<GeneratedAnswer> built = answerBuilder.run(query, replies, null, fitted.included(), null, null).answers();
        Map<String, Object> docMeta = docMeta(fitted);
        List<GeneratedAnswer> out = new ArrayList<>();
        for (GeneratedAnswer a : built) {
            Map<String, Object> m = new LinkedHashMap<>(a.meta());
            m.putAll(docMeta);
            out.add(new GeneratedAnswer(a.data(), a.query(), a.documents(), m));
        }
        return new DocumentAnswerGenerator.Result(out, meta);
    }

    /** Haystack 1.x's answer meta: {@code doc_ids}, {@code doc_scores}, {@code content}, {@code titles}, {@code prompt}. */
    private static Map<String, Object> docMeta(AnswerPrompts.Fitted fitted) {
        List<Object> ids = new ArrayList<>();
        List<Object> scores = new ArrayList<>();
        List<Object> contents = new ArrayList<>();
        List<Object> titles = new ArrayList<>();
        for (Document d : fitted.included()) {
            ids.add(d.id());
            scores.add(d.score());
            contents.add(d.content());
            Object name = d.meta().get("name");
            titles.add(name == null ? "" : name);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_ids", ids);
        m.put("doc_scores", scores);
        m.put("content", contents);
        m.put("titles", titles);
        m.put("prompt", fitted.text());
        return m;
    }

    /** The steps of one request: each starts only while the request is not done, and a cancel reaches the one in flight. */
    private static final class Steps {
        private final AtomicReference<CompletableFuture<?>> current = new AtomicReference<>();
        final CompletableFuture<DocumentAnswerGenerator.Result> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                CompletableFuture<?> step = current.get();
                if (step != null) {
                    step.cancel(mayInterruptIfRunning);
                }
                return cancelled;
            }
        };

        /** Starts {@code step} (unless the request is done) and continues with {@code next}. */
        <T, R> CompletableFuture<R> then(Supplier<CompletableFuture<T>> step,
                Function<T, CompletableFuture<R>> next) {
            if (out.isDone()) {
                return CompletableFuture.failedFuture(new CancellationException(
                        "the answer request was cancelled"));
            }
            CompletableFuture<T> f;
            try {
                f = step.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            current.set(f);
            if (out.isDone()) {
                f.cancel(true);
            }
            return f.thenCompose(next);
        }
    }
}
