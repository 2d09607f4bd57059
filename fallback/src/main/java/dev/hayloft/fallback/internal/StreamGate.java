package dev.hayloft.fallback.internal;

import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.fallback.FallbackChatGenerator;
import dev.hayloft.fallback.StreamingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one request's chunks to the user's streaming callback, whichever attempt produced
 * them: holds an attempt's chunks back until its commit point ({@link StreamingPolicy}), drops
 * the chunks of attempts that ended (also late ones from a generator still winding down),
 * and sends exactly one reset chunk before the chunks of the next attempt that commits after
 * a committed attempt failed. The callback is called by one thread at a time, never after the
 * request ended. If it throws, the gate closes and remembers the exception.
 *
 * <pre>{@code
 * StreamGate gate = new StreamGate(userCallback, StreamingPolicy.defaults());
 * StreamingCallback forAttempt = gate.open(attempt);   // passed to the wrapped generator
 * boolean shown = gate.failed(attempt);                // its chunks reached the user?
 * }</pre>
 */
final class StreamGate {
    private final StreamingCallback user;
    private final StreamingPolicy policy;
    private Attempt active;
    private List<StreamingChunk> held;
    private boolean committed;
    private long chars;
    private long firstContentNanos = -1;
    private Attempt abandoned;
    private boolean closed;
    private volatile RuntimeException callbackError;

    StreamGate(StreamingCallback user, StreamingPolicy policy) {
        this.user = user;
        this.policy = policy;
    }

    /** Makes {@code a} the attempt whose chunks count; returns the callback to give its generator. */
    synchronized StreamingCallback open(Attempt a) {
        active = a;
        held = new ArrayList<>();
        committed = false;
        chars = 0;
        firstContentNanos = -1;
        return chunk -> accept(a, chunk);
    }

    private void accept(Attempt a, StreamingChunk chunk) {
        long now = System.nanoTime();
        boolean content = chunk.hasContent();
        if (content) {
            a.firstToken(now);
        }
        synchronized (this) {
            if (closed || active != a) {
                return;
            }
            if (committed) {
                deliver(a, chunk);
                return;
            }
            held.add(chunk);
            if (content) {
                if (firstContentNanos < 0) {
                    firstContentNanos = now;
                }
                chars += visibleLength(chunk);
            }
            if (firstContentNanos >= 0 && (chars >= policy.commitChars() || (policy.commitDelay() != null
                    && now - firstContentNanos >= policy.commitDelay().toNanos()))) {
                commit(a);
            }
        }
    }

    /** {@code a} succeeded: what it holds is committed (after a reset chunk, if one is owed); the gate closes. */
    synchronized boolean succeeded(Attempt a) {
        try {
            if (!closed && active == a && !committed) {
                commit(a);
            }
            return callbackError == null;
        } catch (RuntimeException callbackFailed) {
            return false;
        } finally {
            closed = true;
        }
    }

    /**
     * {@code a} failed: its held chunks are dropped and later ones ignored. Returns whether its
     * chunks already reached the user (then the next attempt to commit sends a reset chunk first).
     */
    synchronized boolean failed(Attempt a) {
        if (active != a) {
            return false;
        }
        boolean delivered = committed;
        if (delivered) {
            abandoned = a;
        }
        active = null;
        held = null;
        return delivered;
    }

    /** The request ended: nothing more reaches the user. */
    synchronized void close() {
        closed = true;
        held = null;
    }

    /** What the user's callback threw, if it did. */
    RuntimeException callbackError() {
        return callbackError;
    }

    private void commit(Attempt a) {
        List<StreamingChunk> chunks = held;
        held = null;
        committed = true;
        if (abandoned != null) {
            ComponentInfo info = chunks.isEmpty() || chunks.get(0).componentInfo() == null
                    ? new ComponentInfo(a.slot().generator().getClass().getName(), null)
                    : chunks.get(0).componentInfo();
            Attempt failed = abandoned;
            abandoned = null;
            deliver(a, reset(failed, a, info));
        }
        for (StreamingChunk c : chunks) {
            deliver(a, c);
        }
    }

    private void deliver(Attempt a, StreamingChunk chunk) {
        try {
            a.delivered();
            user.onChunk(chunk);
        } catch (RuntimeException e) {
            if (callbackError == null) {
                callbackError = e;
            }
            closed = true;
            throw e; // stops the generator's stream
        }
    }

    private static StreamingChunk reset(Attempt failed, Attempt next, ComponentInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("failed_chat_generator_index", failed.slot().index());
        m.put("failed_chat_generator_class", failed.slot().name());
        m.put("chat_generator_index", next.slot().index());
        m.put("chat_generator_class", next.slot().name());
        return StreamingChunk.builder().meta(Map.of(FallbackChatGenerator.RESET_META_KEY, m)).componentInfo(info)
                .build();
    }

    private static long visibleLength(StreamingChunk c) {
        long n = c.content().length();
        if (c.reasoning() != null) {
            n += c.reasoning().reasoningText().length();
        }
        if (c.hasToolCalls()) {
            for (ToolCallDelta d : c.toolCalls()) {
                n += 1 + (d.toolName() == null ? 0 : d.toolName().length())
                        + (d.arguments() == null ? 0 : d.arguments().length());
            }
        }
        if (c.toolCallResult() != null) {
            n += 1 + String.valueOf(c.toolCallResult().result()).length();
        }
        return n;
    }
}
