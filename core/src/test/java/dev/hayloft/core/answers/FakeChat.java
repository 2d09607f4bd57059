package dev.hayloft.core.answers;

import dev.hayloft.core.component.Components;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.tools.ToolSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A chat generator for tests: replies come from a function of the prompt and kwargs; calls are
 * recorded; {@code runAsync} runs on the given executor (or inline) and tracks how many run at once.
 */
final class FakeChat implements ChatGenerator, AutoCloseable {
    record Call(List<ChatMessage> messages, Map<String, Object> kwargs) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    volatile boolean closed;
    private final BiFunction<List<ChatMessage>, Map<String, Object>, List<String>> replies;
    private final Executor executor;

    FakeChat(BiFunction<List<ChatMessage>, Map<String, Object>, List<String>> replies, Executor executor) {
        this.replies = replies;
        this.executor = executor;
    }

    /** Replies {@code text} once, or {@code n} times when kwargs ask for {@code n}/{@code num_return_sequences}. */
    static FakeChat answering(String text) {
        return new FakeChat((m, kw) -> {
            Object n = kw.getOrDefault("n", kw.getOrDefault("num_return_sequences", 1));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < (Integer) n; i++) {
                out.add(text);
            }
            return out;
        }, null);
    }

    @Override
    public ChatGeneratorResult run(List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback streamingCallback) {
        Map<String, Object> kw = generationKwargs == null ? Map.of() : new LinkedHashMap<>(generationKwargs);
        calls.add(new Call(List.copyOf(messages), kw));
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            List<ChatMessage> out = new ArrayList<>();
            List<String> texts = replies.apply(messages, kw);
            for (int i = 0; i < texts.size(); i++) {
                out.add(ChatMessage.fromAssistant(texts.get(i), List.of(), Map.of("index", i, "model", "fake")));
            }
            return new ChatGeneratorResult(out);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        if (executor == null) {
            try {
                return CompletableFuture.completedFuture(run(messages, generationKwargs, tools, streamingCallback));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> run(messages, generationKwargs, tools, streamingCallback),
                executor);
    }

    @Override
    public Map<String, Object> toDict() {
        return Components.dict(this, new LinkedHashMap<>());
    }

    @Override
    public void close() {
        closed = true;
    }
}
