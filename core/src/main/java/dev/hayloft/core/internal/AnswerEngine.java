package dev.hayloft.core.internal;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchOptions;
import dev.hayloft.core.answers.BatchProgressListener;
import dev.hayloft.core.answers.ConsoleProgressBar;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.generation.TokenCounting;
import dev.hayloft.core.listener.CarriedContext;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.Listenable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code DocumentAnswerGenerator} does per request: resolve the token budget (on first
 * use, as it may load a local model), fit the prompt, record the request's meta and start the
 * {@link AnswerFlow}; and per batch, wire a {@link BatchRun}.
 *
 * <pre>{@code
 * AnswerEngine engine = new AnswerEngine(chat, prompts, flow, null, null, null, 50, 5, true);
 * CompletableFuture<DocumentAnswerGenerator.Result> f = engine.answer("Who?", docs, null, null);
 * }</pre>
 */
public final class AnswerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerEngine.class);

    private final ChatGenerator generator;
    private final AnswerPrompts prompts;
    private final AnswerFlow flow;
    private final TokenCounter tokenCounter;
    private final Double charsPerToken;
    private final Integer contextWindow;
    private final int maxTokens;
    private final int topK;
    private final boolean progressBar;
    private volatile Budget budget;

    private record Budget(TokenCounter counter, int window) {
    }

    /**
     * An engine; {@code tokenCounter}, {@code charsPerToken} and {@code contextWindow} are the
     * explicit settings or null (then the generator's, where it is {@link TokenCounting}, else the defaults).
     */
    public AnswerEngine(ChatGenerator generator, AnswerPrompts prompts, AnswerFlow flow, TokenCounter tokenCounter,
            Double charsPerToken, Integer contextWindow, int maxTokens, int topK, boolean progressBar) {
        this.generator = generator;
        this.prompts = prompts;
        this.flow = flow;
        this.tokenCounter = tokenCounter;
        this.charsPerToken = charsPerToken;
        this.contextWindow = contextWindow;
        this.maxTokens = maxTokens;
        this.topK = topK;
        this.progressBar = progressBar;
    }

    /** The flow (its dialect, generator, moderation). */
    public AnswerFlow flow() {
        return flow;
    }

    /** One request; failures (bad input included) complete the future. */
    public CompletableFuture<DocumentAnswerGenerator.Result> answer(String query, List<Document> documents,
            Integer topK, Map<String, Object> generationKwargs) {
        try {
            AnswerRequest request = new AnswerRequest(query, documents);
            int k = topK == null ? this.topK : topK;
            if (k < 1) {
                throw new IllegalArgumentException("top_k must be >= 1 but was " + k);
            }
            Budget b = budget();
            AnswerPrompts.Fitted fitted = prompts.fit(query, request.documents(), b.counter(), b.window() - maxTokens);
            if (!fitted.skipped().isEmpty()) {
                LOG.warn("Skipping {} of the {} documents: they have no text or would exceed the context window of {}"
                        + " tokens", fitted.skipped().size(), request.documents().size(), b.window());
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("prompt", fitted.text());
            meta.put("doc_ids", ids(fitted.included()));
            meta.put("skipped_doc_ids", ids(fitted.skipped()));
            meta.put("prompt_tokens", fitted.tokens());
            meta.put("context_window", b.window());
            return flow.start(query, fitted, k, generationKwargs, meta);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A batch of requests with {@code options}, plus the console bar when asked and a console is attached. */
    public CompletableFuture<AnswerBatch> batch(List<AnswerRequest> requests, BatchOptions options) {
        if (requests == null || options == null) {
            throw new IllegalArgumentException((requests == null ? "requests" : "options") + " must not be null");
        }
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                throw new IllegalArgumentException("requests[" + i + "] must not be null");
            }
        }
        List<BatchProgressListener> listeners = new ArrayList<>(options.listeners());
        boolean bar = options.progressBar() != null ? options.progressBar() : progressBar;
        if (bar && ConsoleProgressBar.consoleAttached()) {
            listeners.add(ConsoleProgressBar.stderr());
        }
        // later requests start on the threads where earlier ones finished: each starts inside what the
        // chat generator's listeners carried from the caller (a tracing listener's parent span)
        CarriedContext caller = generator instanceof Listenable
                ? GenerationListeners.of(((Listenable) generator).listeners()).carry(null) : CarriedContext.NONE;
        return new BatchRun(requests, options.concurrency(), options.executor(), listeners, options.clock(), r -> {
            try (CarriedContext.Scope scope = caller.enter()) {
                return answer(r.query(), r.documents(), options.topK(), options.generationKwargs());
            }
        }).start();
    }

    private static List<Object> ids(List<Document> docs) {
        List<Object> out = new ArrayList<>();
        docs.forEach(d -> out.add(d.id()));
        return out;
    }

    private Budget budget() {
        Budget b = budget;
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (budget == null) {
                TokenCounting known = generator instanceof TokenCounting ? (TokenCounting) generator : null;
                TokenCounter counter = tokenCounter != null ? tokenCounter
                        : charsPerToken != null ? TokenCounter.estimate(charsPerToken)
                        : known != null ? known.tokenCounter() : TokenCounter.estimate();
                int window = contextWindow != null ? contextWindow
                        : known != null ? known.contextLength() : DocumentAnswerGenerator.DEFAULT_CONTEXT_WINDOW;
                if (window <= maxTokens) {
                    throw new IllegalArgumentException("max_tokens (" + maxTokens + ") leaves no room for the prompt "
                            + "in the context window of " + window + " tokens");
                }
                budget = new Budget(counter, window);
            }
            return budget;
        }
    }

    /** Closes {@code o} when it is {@link AutoCloseable}. */
    public static void closeIfCloseable(Object o) {
        if (o instanceof AutoCloseable) {
            try {
                ((AutoCloseable) o).close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing " + o.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
