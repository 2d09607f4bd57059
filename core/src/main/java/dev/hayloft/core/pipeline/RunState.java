package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.errors.PipelineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one pipeline run: the values waiting in each component's input sockets (with
 * who sent them), how often each component ran, and the outputs collected so far. Implements
 * Haystack's scheduling rules: a component can run once its mandatory sockets are filled and
 * something triggered it; among runnable components, those whose predecessors all executed
 * go first, components waiting on variadic or optional inputs are deferred.
 */
final class RunState {
    /** Marks "the sender ran but produced nothing on this edge". */
    static final Object NO_OUTPUT = new Object() {
        @Override
        public String toString() {
            return "<no output>";
        }
    };

    enum Priority {
        HIGHEST, READY, DEFER, DEFER_LAST, BLOCKED
    }

    record Received(String sender, Object value) {
        boolean produced() {
            return value != NO_OUTPUT;
        }
    }

    private final Graph graph;
    private final Set<String> includeOutputsFrom;
    private final Map<String, Map<String, List<Received>>> inputs = new HashMap<>();
    private final Map<String, Integer> visits = new HashMap<>();
    private final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();

    RunState(Graph graph, Map<String, Map<String, Object>> userInputs, Set<String> includeOutputsFrom) {
        this.graph = graph;
        this.includeOutputsFrom = includeOutputsFrom;
        for (String name : graph.names()) {
            visits.put(name, 0);
            inputs.put(name, new HashMap<>());
        }
        userInputs.forEach((comp, sockets) -> sockets.forEach((socket, value) -> {
            List<Received> l = new ArrayList<>();
            l.add(new Received(null, value));
            inputs.get(comp).put(socket, l);
        }));
    }

    int visits(String name) {
        return visits.get(name);
    }

    Map<String, Map<String, Object>> outputs() {
        return outputs;
    }

    Priority priority(String name) {
        Node node = graph.node(name);
        Map<String, List<Received>> in = inputs.get(name);
        if (!canRun(node, in)) {
            return Priority.BLOCKED;
        }
        if (anyGreedySocketReady(node, in) && allSocketsReady(node, in, false)) {
            return Priority.HIGHEST;
        }
        if (allPredecessorsExecuted(node, in)) {
            return Priority.READY;
        }
        if (allLazyVariadicResolved(node, in)) {
            return Priority.DEFER;
        }
        return Priority.DEFER_LAST;
    }

    private boolean canRun(Node node, Map<String, List<Received>> in) {
        return allSocketsReady(node, in, true) && hasTrigger(node, in);
    }

    private boolean hasTrigger(Node node, Map<String, List<Received>> in) {
        boolean fromPredecessor = false;
        boolean fromUser = false;
        for (List<Received> l : in.values()) {
            for (Received r : l) {
                fromPredecessor |= r.sender() != null && r.produced();
                fromUser |= r.sender() == null;
            }
        }
        boolean first = visits.get(node.name()) == 0;
        boolean noSenders = node.senders().values().stream().allMatch(List::isEmpty);
        return fromPredecessor || (fromUser && first) || (noSenders && first);
    }

    private boolean allSocketsReady(Node node, Map<String, List<Received>> in, boolean onlyMandatory) {
        for (InputSocket s : node.sockets().inputs()) {
            boolean check = s.mandatory() || (!onlyMandatory && !node.senders(s.name()).isEmpty());
            if (!check) {
                continue;
            }
            List<Received> l = in.getOrDefault(s.name(), List.of());
            boolean filled = hasReceivedAll(node, s, l) || (lazyVariadic(s) && anyProduced(l));
            if (!filled) {
                return false;
            }
        }
        return true;
    }

    private static boolean lazyVariadic(InputSocket s) {
        return s.variadic() && !s.greedy();
    }

    private static boolean anyProduced(List<Received> l) {
        for (Received r : l) {
            if (r.produced()) {
                return true;
            }
        }
        return false;
    }

    private boolean hasReceivedAll(Node node, InputSocket s, List<Received> l) {
        if (l.isEmpty()) {
            return false;
        }
        if (s.variadic() && s.greedy() && anyProduced(l)) {
            return true;
        }
        if (lazyVariadic(s) && lazyReceivedAll(node, s, l)) {
            return true;
        }
        return !s.variadic() && l.get(0).produced();
    }

    private boolean lazyReceivedAll(Node node, InputSocket s, List<Received> l) {
        java.util.Set<String> actual = new java.util.HashSet<>();
        for (Received r : l) {
            if (r.produced() && r.sender() != null) {
                actual.add(r.sender());
            }
        }
        return actual.equals(new java.util.HashSet<>(node.senders(s.name())));
    }

    private boolean socketPredecessorsExecuted(Node node, InputSocket s, List<Received> l) {
        java.util.Set<String> executed = new java.util.HashSet<>();
        for (Received r : l) {
            if (r.sender() != null) {
                executed.add(r.sender());
            }
        }
        return executed.equals(new java.util.HashSet<>(node.senders(s.name())));
    }

    private boolean allPredecessorsExecuted(Node node, Map<String, List<Received>> in) {
        for (InputSocket s : node.sockets().inputs()) {
            if (!socketPredecessorsExecuted(node, s, in.getOrDefault(s.name(), List.of()))) {
                return false;
            }
        }
        return true;
    }

    private boolean allLazyVariadicResolved(Node node, Map<String, List<Received>> in) {
        for (InputSocket s : node.sockets().inputs()) {
            if (lazyVariadic(s)) {
                List<Received> l = in.getOrDefault(s.name(), List.of());
                if (!(lazyReceivedAll(node, s, l) || socketPredecessorsExecuted(node, s, l))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean anyGreedySocketReady(Node node, Map<String, List<Received>> in) {
        for (InputSocket s : node.sockets().inputs()) {
            if (s.greedy() && hasReceivedAll(node, s, in.getOrDefault(s.name(), List.of()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the inputs a component runs with out of its sockets (user inputs stay for later
     * visits, except on greedy sockets) and fills in defaults for missing optional sockets.
     */
    Map<String, Object> consume(String name, int maxRuns) {
        if (visits.get(name) >= maxRuns) {
            throw new PipelineException("Maximum run count " + maxRuns + " reached for component '" + name
                    + "'; raise maxRunsPerComponent if the loop is intended, otherwise check the loop's exit condition",
                    name, null, null);
        }
        Node node = graph.node(name);
        Map<String, List<Received>> in = inputs.get(name);
        Map<String, Object> consumed = new LinkedHashMap<>();
        java.util.Set<String> greedyConsumed = new java.util.HashSet<>();
        for (InputSocket s : node.sockets().inputs()) {
            List<Object> values = new ArrayList<>();
            for (Received r : in.getOrDefault(s.name(), List.of())) {
                if (r.produced()) {
                    values.add(r.value());
                }
            }
            if (!values.isEmpty()) {
                if (!s.variadic()) {
                    consumed.put(s.name(), values.get(0));
                } else if (s.greedy()) {
                    greedyConsumed.add(s.name());
                    consumed.put(s.name(), List.of(values.get(0)));
                } else {
                    consumed.put(s.name(), values);
                }
            } else if (!s.mandatory()) {
                if (s.variadic()) {
                    consumed.put(s.name(), s.defaultValue() == null ? List.of() : List.of(s.defaultValue()));
                } else {
                    consumed.put(s.name(), s.defaultValue());
                }
            }
        }
        Map<String, List<Received>> kept = new HashMap<>();
        in.forEach((socket, l) -> {
            if (greedyConsumed.contains(socket)) {
                return;
            }
            List<Received> user = new ArrayList<>();
            for (Received r : l) {
                if (r.sender() == null) {
                    user.add(r);
                }
            }
            if (!user.isEmpty()) {
                kept.put(socket, user);
            }
        });
        inputs.put(name, kept);
        return consumed;
    }

    /** Records a finished run: distributes outputs to receivers and keeps the unconsumed ones. */
    void complete(String name, Map<String, Object> produced) {
        visits.merge(name, 1, Integer::sum);
        java.util.Set<String> consumedSockets = new java.util.HashSet<>();
        for (Edge e : graph.edgesFrom(name)) {
            consumedSockets.add(e.from().name());
            Object value = produced.containsKey(e.from().name()) ? produced.get(e.from().name()) : NO_OUTPUT;
            if (value != NO_OUTPUT && e.conversion() != null) {
                try {
                    value = e.conversion().apply(value);
                } catch (RuntimeException ex) {
                    throw new PipelineException("Cannot deliver " + e.senderAddress() + " to " + e.receiverAddress()
                            + ": " + ex.getMessage(), e.receiver(), e.to().name(), ex);
                }
            }
            Map<String, List<Received>> in = inputs.get(e.receiver());
            if (lazyVariadic(e.to())) {
                in.computeIfAbsent(e.to().name(), k -> new ArrayList<>()).add(new Received(name, value));
            } else {
                List<Received> current = in.get(e.to().name());
                if (current == null || value != NO_OUTPUT) {
                    List<Received> l = new ArrayList<>();
                    l.add(new Received(name, value));
                    in.put(e.to().name(), l);
                }
            }
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        produced.forEach((k, v) -> {
            if (includeOutputsFrom.contains(name) || !consumedSockets.contains(k)) {
                kept.put(k, v);
            }
        });
        if (!kept.isEmpty()) {
            outputs.put(name, kept);
        }
    }
}
