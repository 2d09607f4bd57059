package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.Components;
import dev.hayloft.core.errors.PipelineException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks the next component to run, and runs one with failures attributed to it. */
final class Scheduler {
    private Scheduler() {
    }

    /** The components of the best priority; {@code deferred} when they are waiting on optional inputs. */
    record Pick(List<String> candidates, boolean deferred) {
    }

    /** The best runnable components, or null when none can run. */
    static Pick next(Graph graph, RunState state) {
        RunState.Priority best = RunState.Priority.BLOCKED;
        List<String> candidates = new ArrayList<>();
        for (String name : graph.names()) {
            RunState.Priority p = state.priority(name);
            if (p.ordinal() < best.ordinal()) {
                best = p;
                candidates.clear();
            }
            if (p == best && p != RunState.Priority.BLOCKED) {
                candidates.add(name);
            }
        }
        if (best == RunState.Priority.BLOCKED) {
            return null;
        }
        boolean deferred = best == RunState.Priority.DEFER || best == RunState.Priority.DEFER_LAST;
        return new Pick(candidates, deferred);
    }

    /** Among waiting components, the first in topological order (then by name). */
    static String tiebreak(List<String> candidates, Map<String, Integer> topo) {
        return candidates.stream()
                .min(Comparator.<String>comparingInt(topo::get).thenComparing(n -> n.toLowerCase(Locale.ROOT)))
                .orElseThrow();
    }

    /**
     * Runs a component (its visit {@code visit} of the run), reported to the run's listeners
     * on this thread; its failure becomes a {@link PipelineException} naming it, with the
     * cause chained.
     */
    static Map<String, Object> runComponent(Node node, Map<String, Object> inputs, PipelineListeners.Run run,
            int visit) {
        PipelineListeners.Component observed = run.componentStarted(node, visit, inputs);
        Map<String, Object> out;
        try {
            out = Components.invoke(node.component(), node.sockets(), inputs);
        } catch (RuntimeException e) {
            observed.ended(null, e);
            throw failure(node, e);
        } catch (Error e) {
            observed.ended(null, e);
            throw e;
        }
        observed.ended(out, null);
        return out;
    }

    static PipelineException failure(Node node, Throwable e) {
        return new PipelineException("The following component failed to run:\nComponent name: '" + node.name()
                + "'\nComponent type: '" + node.component().getClass().getSimpleName() + "'\nError: " + e.getMessage(),
                node.name(), null, e);
    }
}
