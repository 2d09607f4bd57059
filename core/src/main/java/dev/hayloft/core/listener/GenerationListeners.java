package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.ChatMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one generator, called in order, each one shielded from the others: a
 * listener that throws is logged at WARN the first time (later failures at DEBUG) and the
 * remaining listeners and the generation carry on. Also the listener composite itself: calling
 * one of its {@link GenerationListener} methods calls every listener safely.
 *
 * <p>Immutable list (the only state is which listeners already had their failure logged);
 * thread-safe. Generators hold one, built from their builder's {@code .listener(..)} calls, and
 * open a {@link GenerationObservation} per request with {@link #start}:
 *
 * <pre>{@code
 * GenerationListeners listeners = GenerationListeners.of(List.of(metrics, tracing));
 * GenerationObservation obs = listeners.start(GenerationContext.of(this, "openai", model, callback != null),
 *         messages, kwargs);                        // fires onRequest
 * try {
 *     List<ChatMessage> replies = call(obs.wrap(callback));   // chunks fire onFirstToken / onChunk
 *     obs.succeeded(replies);                       // fires onResponse
 * } catch (RuntimeException e) {
 *     obs.failed(e);                                // fires onError
 *     throw e;
 * }
 * }</pre>
 */
public final class GenerationListeners implements GenerationListener {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationListeners.class);
    private static final GenerationListeners NONE = new GenerationListeners(List.of());

    private final List<GenerationListener> listeners;
    private final Set<GenerationListener> warned;
    private final boolean chunkListeners;

    private GenerationListeners(List<GenerationListener> listeners) {
        this.listeners = listeners;
        this.warned = listeners.isEmpty() ? Set.of()
                : Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        boolean chunks = false;
        for (GenerationListener l : listeners) {
            chunks |= overridesOnChunk(l);
        }
        this.chunkListeners = chunks;
    }

    private static boolean overridesOnChunk(GenerationListener l) {
        try {
            return l.getClass().getMethod("onChunk", ChunkEvent.class).getDeclaringClass() != GenerationListener.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /**
     * Whether any listener implements {@link GenerationListener#onChunk}: when none does, a
     * streamed request makes no {@link ChunkEvent}s (listeners of the first token still get it).
     */
    public boolean wantsChunks() {
        return chunkListeners;
    }

    /** No listeners: {@link #start} then returns {@link GenerationObservation#none()}, which costs nothing. */
    public static GenerationListeners none() {
        return NONE;
    }

    /** The given listeners, in calling order; a {@code GenerationListeners} among them is flattened. */
    public static GenerationListeners of(List<? extends GenerationListener> listeners) {
        if (listeners == null || listeners.isEmpty()) {
            return NONE;
        }
        List<GenerationListener> flat = new ArrayList<>(listeners.size());
        for (GenerationListener l : listeners) {
            Objects.requireNonNull(l, "listener");
            if (l instanceof GenerationListeners) {
                flat.addAll(((GenerationListeners) l).listeners);
            } else {
                flat.add(l);
            }
        }
        return new GenerationListeners(List.copyOf(flat));
    }

    /** The given listeners, in calling order. */
    public static GenerationListeners of(GenerationListener... listeners) {
        return of(List.of(listeners));
    }

    /** These listeners followed by {@code more}. */
    public GenerationListeners plus(List<? extends GenerationListener> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        List<GenerationListener> all = new ArrayList<>(listeners);
        all.addAll(more);
        return of(all);
    }

    /** The listeners, in calling order. */
    public List<GenerationListener> asList() {
        return listeners;
    }

    /** Whether there are no listeners. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /**
     * Starts observing a request: fires {@code onRequest} and returns the request's
     * observation (a no-op one when there are no listeners).
     */
    public GenerationObservation start(GenerationContext context, List<ChatMessage> messages,
            Map<String, Object> generationKwargs) {
        if (listeners.isEmpty()) {
            return GenerationObservation.none();
        }
        GenerationObservation observation = new GenerationObservation(this, context);
        onRequest(new RequestEvent(context, messages, generationKwargs));
        return observation;
    }

    /**
     * Starts observing a request of {@code component} (see {@link GenerationContext#of}); the
     * kwargs are only computed when there are listeners.
     */
    public GenerationObservation start(Object component, String provider, String model, boolean streaming,
            List<ChatMessage> messages, Supplier<Map<String, Object>> generationKwargs) {
        if (listeners.isEmpty()) {
            return GenerationObservation.none();
        }
        return start(GenerationContext.of(component, provider, model, streaming), messages, generationKwargs.get());
    }

    @Override
    public void onRequest(RequestEvent event) {
        dispatch("onRequest", event.context(), l -> l.onRequest(event));
    }

    @Override
    public void onFirstToken(FirstTokenEvent event) {
        dispatch("onFirstToken", event.context(), l -> l.onFirstToken(event));
    }

    @Override
    public void onChunk(ChunkEvent event) {
        dispatch("onChunk", event.context(), l -> l.onChunk(event));
    }

    @Override
    public void onRetry(RetryEvent event) {
        dispatch("onRetry", event.context(), l -> l.onRetry(event));
    }

    @Override
    public void onResponse(ResponseEvent event) {
        dispatch("onResponse", event.context(), l -> l.onResponse(event));
    }

    @Override
    public void onError(ErrorEvent event) {
        dispatch("onError", event.context(), l -> l.onError(event));
    }

    @Override
    public void onCircuitStateChange(CircuitBreakerEvent event) {
        dispatch("onCircuitStateChange", event.context(), l -> l.onCircuitStateChange(event));
    }

    /**
     * Every listener's {@link GenerationListener#carry} of {@code request} (null: before the
     * request starts), captured now and entered together in listener order (left in reverse
     * order); a listener that throws while capturing, entering or leaving is logged like any
     * other listener failure and carries nothing. {@link CarriedContext#NONE} without listeners.
     */
    public CarriedContext carry(GenerationContext request) {
        if (listeners.isEmpty()) {
            return CarriedContext.NONE;
        }
        List<CarriedContext> carried = new ArrayList<>(listeners.size());
        List<GenerationListener> owners = new ArrayList<>(listeners.size());
        for (GenerationListener l : listeners) {
            try {
                CarriedContext c = l.carry(request);
                if (c != null && c != CarriedContext.NONE) {
                    carried.add(c);
                    owners.add(l);
                }
            } catch (Exception | LinkageError e) {
                report(l, "carry", request, e);
            }
        }
        if (carried.isEmpty()) {
            return CarriedContext.NONE;
        }
        return () -> {
            List<CarriedContext.Scope> scopes = new ArrayList<>(carried.size());
            List<GenerationListener> entered = new ArrayList<>(carried.size());
            for (int i = 0; i < carried.size(); i++) {
                try {
                    CarriedContext.Scope s = carried.get(i).enter();
                    if (s != null) {
                        scopes.add(s);
                        entered.add(owners.get(i));
                    }
                } catch (Exception | LinkageError e) {
                    report(owners.get(i), "carry (enter)", request, e);
                }
            }
            return () -> {
                for (int i = scopes.size() - 1; i >= 0; i--) {
                    try {
                        scopes.get(i).close();
                    } catch (Exception | LinkageError e) {
                        report(entered.get(i), "carry (leave)", request, e);
                    }
                }
            };
        };
    }

    private void dispatch(String hook, GenerationContext context, Consumer<GenerationListener> call) {
        for (GenerationListener l : listeners) {
            try {
                call.accept(l);
            } catch (Exception | LinkageError e) { // sneaky checked exceptions too
                report(l, hook, context, e);
            }
        }
    }

    private void report(GenerationListener listener, String hook, GenerationContext context, Throwable e) {
        // the context holds no secrets; the listener's own exception is logged as thrown
        String component = context == null ? "-" : context.componentName();
        String request = context == null ? "-" : context.requestId();
        if (warned.add(listener)) {
            LOG.warn("Generation listener {} threw from {} (component {}, request {}); ignored, the generation "
                    + "continues. Further failures of this listener are logged at DEBUG.",
                    listener.getClass().getName(), hook, component, request, e);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Generation listener {} threw from {} (component {}, request {}); ignored",
                    listener.getClass().getName(), hook, component, request, e);
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(listeners.size());
        listeners.forEach(l -> names.add(l.getClass().getName()));
        return "GenerationListeners" + names;
    }
}
