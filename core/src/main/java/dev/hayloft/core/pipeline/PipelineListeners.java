package dev.hayloft.core.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one pipeline, called in order, each shielded from the others and from the
 * run: a listener that throws is logged at WARN the first time (later at DEBUG) and ignored.
 * Immutable list; {@link #start} opens a run's observation (a no-op one without listeners).
 */
final class PipelineListeners {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineListeners.class);
    static final PipelineListeners NONE = new PipelineListeners(List.of());

    private final List<PipelineListener> listeners;
    private final Set<PipelineListener> warned;

    private PipelineListeners(List<PipelineListener> listeners) {
        this.listeners = listeners;
        this.warned = listeners.isEmpty() ? Set.of()
                : Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    List<PipelineListener> asList() {
        return listeners;
    }

    /** These listeners followed by {@code listener}, unless it is already there. */
    PipelineListeners plus(PipelineListener listener) {
        Objects.requireNonNull(listener, "listener");
        for (PipelineListener l : listeners) {
            if (l == listener) {
                return this;
            }
        }
        List<PipelineListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new PipelineListeners(List.copyOf(all));
    }

    /** Fires {@code onPipelineStart} and returns the run's observation. */
    Run start(Map<String, Object> metadata, boolean async, Map<String, Map<String, Object>> inputs) {
        if (listeners.isEmpty()) {
            return Run.NONE;
        }
        Run run = new Run(this, new PipelineRunContext(UUID.randomUUID().toString(), metadata, async, Instant.now()));
        dispatch("onPipelineStart", run.context, l -> l.onPipelineStart(new PipelineStartEvent(run.context, inputs)));
        return run;
    }

    private void dispatch(String hook, PipelineRunContext run, Consumer<PipelineListener> call) {
        for (PipelineListener l : listeners) {
            try {
                call.accept(l);
            } catch (Exception | LinkageError e) { // sneaky checked exceptions too
                if (warned.add(l)) {
                    LOG.warn("Pipeline listener {} threw from {} (run {}); ignored, the run continues. Further "
                            + "failures of this listener are logged at DEBUG.", l.getClass().getName(), hook,
                            run.runId(), e);
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("Pipeline listener {} threw from {} (run {}); ignored", l.getClass().getName(), hook,
                            run.runId(), e);
                }
            }
        }
    }

    /** One run as its listeners see it; {@link #NONE} does nothing. Thread-safe. */
    static final class Run {
        static final Run NONE = new Run(null, null);

        private final PipelineListeners owner;
        private final PipelineRunContext context;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();

        private Run(PipelineListeners owner, PipelineRunContext context) {
            this.owner = owner;
            this.context = context;
        }

        /** A component run starting: fires {@code onComponentStart} on this thread. */
        Component componentStarted(Node node, int visit, Map<String, Object> inputs) {
            if (owner == null) {
                return Component.NONE;
            }
            Component c = new Component(this, new ComponentRunContext(context, node.name(),
                    node.component().getClass().getName(), visit));
            owner.dispatch("onComponentStart", context, l -> l.onComponentStart(new ComponentStartEvent(c.context,
                    inputs)));
            return c;
        }

        /** The run ended (once; later calls are ignored): fires {@code onPipelineEnd}. */
        void ended(Map<String, Map<String, Object>> outputs, Throwable error) {
            if (owner == null || !ended.compareAndSet(false, true)) {
                return;
            }
            PipelineEndEvent e = new PipelineEndEvent(context, Duration.ofNanos(System.nanoTime() - startNanos),
                    error == null ? outputs : null, error);
            owner.dispatch("onPipelineEnd", context, l -> l.onPipelineEnd(e));
        }
    }

    /** One component run; {@link #NONE} does nothing. */
    static final class Component {
        static final Component NONE = new Component(null, null);

        private final Run run;
        private final ComponentRunContext context;
        private final long startNanos = System.nanoTime();

        private Component(Run run, ComponentRunContext context) {
            this.run = run;
            this.context = context;
        }

        /** Fires {@code onComponentEnd} on this thread. */
        void ended(Map<String, Object> outputs, Throwable error) {
            if (run == null) {
                return;
            }
            ComponentEndEvent e = new ComponentEndEvent(context, Duration.ofNanos(System.nanoTime() - startNanos),
                    error == null ? outputs : null, error);
            run.owner.dispatch("onComponentEnd", run.context, l -> l.onComponentEnd(e));
        }
    }
}
