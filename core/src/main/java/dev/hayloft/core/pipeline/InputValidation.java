package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.internal.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks run inputs before anything runs, naming the component and socket at fault. */
final class InputValidation {
    private InputValidation() {
    }

    static Map<String, Map<String, Object>> validate(Graph graph, Map<String, ? extends Map<String, ?>> data) {
        if (data == null) {
            throw new PipelineException("Pipeline inputs must not be null; pass an empty map for none");
        }
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Map<String, ?>> e : data.entrySet()) {
            String comp = e.getKey();
            Node n = graph.node(comp);
            if (n == null) {
                throw new PipelineException("Component named " + comp + " not found in the pipeline.", comp, null,
                        null);
            }
            if (e.getValue() == null) {
                throw new PipelineException("Inputs of component " + comp + " must not be null", comp, null, null);
            }
            Map<String, Object> sockets = new LinkedHashMap<>();
            for (Map.Entry<String, ?> in : e.getValue().entrySet()) {
                InputSocket s = n.sockets().input(in.getKey());
                if (s == null) {
                    List<String> names = new ArrayList<>(n.sockets().inputMap().keySet());
                    throw new PipelineException("Input " + in.getKey() + " not found in component " + comp
                            + "; its inputs are " + names, comp, in.getKey(), null);
                }
                if (!n.senders(s.name()).isEmpty() && !s.variadic()) {
                    throw new PipelineException("Input " + s.name() + " for component " + comp
                            + " is already sent by " + n.senders(s.name()) + ".", comp, s.name(), null);
                }
                Object v = in.getValue();
                if (v != null && !Types.raw(s.type()).isInstance(v)) {
                    throw new PipelineException("Input " + s.name() + " of component " + comp + " expects "
                            + s.typeName() + " but got " + v.getClass().getSimpleName(), comp, s.name(), null);
                }
                sockets.put(s.name(), v);
            }
            copy.put(comp, sockets);
        }
        for (Node n : graph.nodes()) {
            Map<String, Object> given = copy.getOrDefault(n.name(), Map.of());
            for (InputSocket s : n.sockets().inputs()) {
                if (s.mandatory() && n.senders(s.name()).isEmpty() && given.get(s.name()) == null) {
                    throw new PipelineException("Missing input for component " + n.name() + ": " + s.name()
                            + " (type " + s.typeName() + ")", n.name(), s.name(), null);
                }
            }
        }
        return copy;
    }

    static Map<String, Map<String, Object>> distributeFlat(Pipeline p, Map<String, ?> inputs) {
        if (inputs == null) {
            throw new PipelineException("Pipeline inputs must not be null; pass an empty map for none");
        }
        Map<String, Map<String, InputSocket>> open = p.inputs(false);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : inputs.entrySet()) {
            List<String> owners = new ArrayList<>();
            open.forEach((comp, sockets) -> {
                if (sockets.containsKey(e.getKey())) {
                    owners.add(comp);
                }
            });
            if (owners.isEmpty()) {
                throw new PipelineException("Input '" + e.getKey() + "' does not match any open input socket of the "
                        + "pipeline; open inputs are " + describe(open), null, e.getKey(), null);
            }
            if (owners.size() > 1) {
                throw new PipelineException("Input '" + e.getKey() + "' is ambiguous: components " + owners
                        + " all have an open socket of that name; address inputs per component instead",
                        null, e.getKey(), null);
            }
            out.computeIfAbsent(owners.get(0), k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String describe(Map<String, Map<String, InputSocket>> open) {
        List<String> l = new ArrayList<>();
        open.forEach((c, s) -> s.keySet().forEach(n -> l.add(c + "." + n)));
        return l.toString();
    }
}
