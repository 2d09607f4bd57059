package dev.hayloft.core.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the listeners of a {@link Listenable} component: those given to its builder, plus any
 * added later ({@link Listenable#attach}); adding a listener that is already there does
 * nothing. Thread-safe; requests read the listeners in effect when they start.
 *
 * <pre>{@code
 * private final ListenerSlot listeners = new ListenerSlot(builder.listeners);
 * public void addListeners(List<? extends GenerationListener> more) { listeners.add(more); }
 * public List<GenerationListener> listeners() { return listeners.get().asList(); }
 * GenerationObservation obs = listeners.get().start(this, "openai", model, streaming, messages, () -> kwargs);
 * }</pre>
 */
public final class ListenerSlot {
    private final AtomicReference<GenerationListeners> current;

    /** A slot holding {@code initial} (null: none). */
    public ListenerSlot(List<? extends GenerationListener> initial) {
        this.current = new AtomicReference<>(GenerationListeners.of(initial));
    }

    /** The listeners in effect. */
    public GenerationListeners get() {
        return current.get();
    }

    /** Adds those of {@code more} that are not there yet (by identity), after the present ones. */
    public void add(List<? extends GenerationListener> more) {
        if (more == null || more.isEmpty()) {
            return;
        }
        List<GenerationListener> flat = GenerationListeners.of(more).asList();
        current.updateAndGet(present -> {
            List<GenerationListener> added = new ArrayList<>();
            for (GenerationListener l : flat) {
                if (!containsSame(present.asList(), l) && !containsSame(added, l)) {
                    added.add(l);
                }
            }
            return present.plus(added);
        });
    }

    private static boolean containsSame(List<GenerationListener> list, GenerationListener l) {
        for (GenerationListener x : list) {
            if (x == l) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return current.get().toString();
    }
}
