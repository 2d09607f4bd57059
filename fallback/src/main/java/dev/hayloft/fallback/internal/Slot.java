package dev.hayloft.fallback.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.fallback.FallbackChatGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One wrapped chat generator: its position, class name, circuit and (read once, lazily from
 * its {@code toDict}) the model it is configured with.
 *
 * <pre>{@code
 * Slot slot = new Slot(0, openai, new Circuit(null, Clock.systemUTC()));
 * CompletableFuture<?> f = slot.start(messages, null, null, callback);
 * }</pre>
 */
public final class Slot {
    private static final Object UNREAD = new Object();

    private final int index;
    private final ChatGenerator generator;
    private final String name;
    private final Circuit circuit;
    private volatile Object model = UNREAD;

    public Slot(int index, ChatGenerator generator, Circuit circuit) {
        this.index = index;
        this.generator = generator;
        this.name = generator.getClass().getSimpleName();
        this.circuit = circuit;
    }

    public int index() {
        return index;
    }

    public ChatGenerator generator() {
        return generator;
    }

    /** The class's simple name, as Haystack reports it ({@code gen.__class__.__name__}). */
    public String name() {
        return name;
    }

    public Circuit circuit() {
        return circuit;
    }

    /**
     * Starts the generator asynchronously: a nested {@link FallbackChatGenerator} through
     * {@code runWithMetaAsync} (its meta is merged into ours, as Haystack merges a generator's
     * meta), any other through {@code runAsync}.
     */
    CompletableFuture<?> start(List<ChatMessage> messages, Map<String, Object> kwargs,
            List<? extends ToolSource> tools, StreamingCallback callback) {
        CompletableFuture<?> f = generator instanceof FallbackChatGenerator
                ? ((FallbackChatGenerator) generator).runWithMetaAsync(messages, kwargs, tools, callback)
                : generator.runAsync(messages, kwargs, tools, callback);
        if (f == null) {
            throw new IllegalStateException(name + ".runAsync returned null instead of a future");
        }
        return f;
    }

    /**
     * The configured model: the generator's {@link ChatGenerator#model()}, else {@code model} or
     * {@code azure_deployment} of its init parameters (user components), or null.
     */
    public String configuredModel() {
        Object m = model;
        if (m == UNREAD) {
            m = readModel();
            model = m;
        }
        return (String) m;
    }

    private String readModel() {
        String own = generator.model();
        if (own != null) {
            return own;
        }
        try {
            Object init = generator.toDict().get("init_parameters");
            if (init instanceof Map) {
                Map<?, ?> p = (Map<?, ?>) init;
                Object v = p.get("model") instanceof String ? p.get("model") : p.get("azure_deployment");
                if (v instanceof String) {
                    return (String) v;
                }
                Object hf = p.get("huggingface_pipeline_kwargs");
                if (hf instanceof Map && ((Map<?, ?>) hf).get("model") instanceof String) {
                    return (String) ((Map<?, ?>) hf).get("model");
                }
            }
        } catch (RuntimeException notSerialisable) {
            // e.g. a token secret: the model stays unknown
        }
        return null;
    }

    @Override
    public String toString() {
        return "#" + index + " " + name;
    }
}
