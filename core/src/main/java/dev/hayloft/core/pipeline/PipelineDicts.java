package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pipeline ↔ dict in Haystack's layout. */
final class PipelineDicts {
    private PipelineDicts() {
    }

    static Map<String, Object> toDict(Pipeline p, Graph graph) {
        Map<String, Object> components = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            components.put(n.name(), n.component().toDict());
        }
        List<Object> connections = new ArrayList<>();
        for (Edge e : graph.edges()) {
            connections.add(JsonValues.map("sender", e.senderAddress(), "receiver", e.receiverAddress()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata", JsonValues.mutableMap(p.metadata()));
        m.put("max_runs_per_component", p.maxRunsPerComponent());
        m.put("components", components);
        m.put("connections", connections);
        m.put("connection_type_validation", p.connectionTypeValidation());
        return m;
    }

    static Pipeline fromDict(Map<String, ?> data, ComponentRegistry registry, Map<String, Component> reuse) {
        DictReader r = DictReader.of(data, "");
        Integer maxRuns = r.optionalInt("max_runs_per_component");
        Pipeline p;
        try {
            p = new Pipeline(r.optionalMap("metadata"), maxRuns == null ? 100 : maxRuns,
                    r.bool("connection_type_validation", true));
        } catch (IllegalArgumentException e) {
            throw r.error("max_runs_per_component", e.getMessage(), e);
        }
        DictReader comps = r.child("components");
        for (String name : comps.map().keySet()) {
            Component c = reuse != null ? reuse.get(name) : null;
            if (c == null) {
                c = registry.fromDict(comps.child(name));
            }
            try {
                p.addComponent(name, c);
            } catch (PipelineException e) {
                throw new DeserializationException(e.getMessage(), comps.pathOf(name), e);
            }
        }
        List<Map<String, Object>> conns = r.optionalListOf("connections", (cr, i) -> {
            cr.requireString("sender");
            cr.requireString("receiver");
            return cr.map();
        });
        if (conns != null) {
            for (int i = 0; i < conns.size(); i++) {
                Map<String, Object> c = conns.get(i);
                try {
                    p.connect((String) c.get("sender"), (String) c.get("receiver"));
                } catch (PipelineException e) {
                    throw new DeserializationException(e.getMessage(), "connections[" + i + "]", e);
                }
            }
        }
        return p;
    }
}
