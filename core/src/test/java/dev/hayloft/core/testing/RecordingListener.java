package dev.hayloft.core.testing;

import dev.hayloft.core.listener.ChunkEvent;
import dev.hayloft.core.listener.CircuitBreakerEvent;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every event it receives, in order, for tests of what a generator emits.
 *
 * <pre>{@code
 * RecordingListener events = new RecordingListener();
 * llm.toBuilder().listener(events).build().run(messages);
 * assertEquals(List.of("request", "response"), events.kinds());
 * }</pre>
 */
public final class RecordingListener implements GenerationListener {
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(RequestEvent event) {
        add(event);
    }

    @Override
    public void onFirstToken(FirstTokenEvent event) {
        add(event);
    }

    @Override
    public void onChunk(ChunkEvent event) {
        add(event);
    }

    @Override
    public void onRetry(RetryEvent event) {
        add(event);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        add(event);
    }

    @Override
    public void onError(ErrorEvent event) {
        add(event);
    }

    @Override
    public void onCircuitStateChange(CircuitBreakerEvent event) {
        add(event);
    }

    private void add(Object event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    /** All events, oldest first. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    /** The names of the threads the events arrived on. */
    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** The events of {@code type}. */
    public <T> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The single event of {@code type}; fails unless there is exactly one. */
    public <T> T one(Class<T> type) {
        List<T> all = of(type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but got " + kinds());
        }
        return all.get(0);
    }

    /**
     * The event kinds in order, consecutive chunks collapsed: e.g. {@code [request, first_token,
     * chunks, response]}, {@code [request, retry, response]}, {@code [request, error]}.
     */
    public List<String> kinds() {
        List<String> out = new ArrayList<>();
        for (Object e : events) {
            String k = kind(e);
            if (k.equals("chunks") && !out.isEmpty() && out.get(out.size() - 1).equals("chunks")) {
                continue;
            }
            out.add(k);
        }
        return out;
    }

    private static String kind(Object e) {
        if (e instanceof RequestEvent) {
            return "request";
        }
        if (e instanceof FirstTokenEvent) {
            return "first_token";
        }
        if (e instanceof ChunkEvent) {
            return "chunks";
        }
        if (e instanceof RetryEvent) {
            return "retry";
        }
        if (e instanceof ResponseEvent) {
            return "response";
        }
        if (e instanceof CircuitBreakerEvent) {
            return "circuit";
        }
        return "error";
    }

    /** Forgets the events received so far. */
    public void clear() {
        events.clear();
        threads.clear();
    }
}
