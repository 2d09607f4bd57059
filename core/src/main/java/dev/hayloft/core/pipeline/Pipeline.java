package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.component.OutputSocket;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.internal.Types;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A graph of components connected socket to socket, run with Haystack's semantics.
 *
 * <p>Add components under unique names, connect {@code "sender.output"} to
 * {@code "receiver.input"} (socket names may be omitted when only one pairing fits), then
 * {@link #run} with inputs addressed per component. Connections are type-checked, with
 * Haystack's conversions ({@code ChatMessage} ↔ {@code String}, {@code T} → {@code List<T>},
 * a one-element {@code List<T>} → {@code T}); a socket may have one sender unless it is
 * variadic. Loops are allowed and bounded by {@code maxRunsPerComponent}.
 *
 * <p>Building a pipeline is not thread-safe; once built, it may be run from several threads
 * at once (each run keeps its own state). {@link #runAsync} runs independent branches
 * concurrently on an executor.
 *
 * <pre>{@code
 * Pipeline p = new Pipeline();
 * p.addComponent("prompt", new PromptBuilder("Answer briefly: {{ question }}"));
 * p.addComponent("llm", generator);
 * p.connect("prompt.prompt", "llm.prompt");
 * Map<String, Map<String, Object>> out = p.run(Map.of("prompt", Map.of("question", "Why is the sky blue?")));
 * List<?> replies = (List<?>) out.get("llm").get("replies");
 * }</pre>
 */
public final class Pipeline {
    private final Map<String, Object> metadata;
    private final int maxRunsPerComponent;
    private final boolean connectionTypeValidation;
    private final Graph graph = new Graph();
    private final Map<Component, String> instances = new IdentityHashMap<>();
    private volatile PipelineListeners listeners = PipelineListeners.NONE;

    /** An empty pipeline with Haystack's defaults (100 runs per component, type validation on). */
    public Pipeline() {
        this(Map.of(), 100, true);
    }

    /** An empty pipeline. */
    public Pipeline(Map<String, Object> metadata, int maxRunsPerComponent, boolean connectionTypeValidation) {
        if (maxRunsPerComponent < 1) {
            throw new IllegalArgumentException("maxRunsPerComponent must be >= 1 but was " + maxRunsPerComponent);
        }
        this.metadata = JsonValues.immutableMap(metadata);
        this.maxRunsPerComponent = maxRunsPerComponent;
        this.connectionTypeValidation = connectionTypeValidation;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public int maxRunsPerComponent() {
        return maxRunsPerComponent;
    }

    public boolean connectionTypeValidation() {
        return connectionTypeValidation;
    }

    /** Adds a component under a unique name without '.' characters. */
    public Pipeline addComponent(String name, Component component) {
        Objects.requireNonNull(name, "name");
        if (component == null) {
            throw new PipelineException("Component '" + name + "' is null", name, null, null);
        }
        if (graph.contains(name)) {
            throw new PipelineException("A component named '" + name + "' already exists in this pipeline: choose "
                    + "another name.", name, null, null);
        }
        if (name.isEmpty() || name.contains(".") || name.equals("_debug")) {
            throw new PipelineException("'" + name + "' is an invalid component name: it must be non-empty, cannot "
                    + "contain '.' and cannot be '_debug'", name, null, null);
        }
        if (instances.containsKey(component)) {
            throw new PipelineException("This component instance is already in the pipeline as '"
                    + instances.get(component) + "'; create a new instance for '" + name + "'", name, null, null);
        }
        ComponentSockets sockets;
        try {
            sockets = ComponentSockets.of(component);
        } catch (IllegalArgumentException e) {
            throw new PipelineException("'" + name + "' doesn't seem to be a valid component: " + e.getMessage(), name,
                    null, e);
        }
        if (component instanceof PipelineNamed) {
            ((PipelineNamed) component).assignPipelineName(name);
        }
        instances.put(component, name);
        graph.add(Node.of(name, component, sockets));
        return this;
    }

    /** The component added under {@code name}. */
    public Component getComponent(String name) {
        Node n = graph.node(name);
        if (n == null) {
            throw new PipelineException("Component named " + name + " not found in the pipeline.", name, null, null);
        }
        return n.component();
    }

    /** The component added under {@code name}, cast to {@code type}. */
    public <T extends Component> T getComponent(String name, Class<T> type) {
        Component c = getComponent(name);
        if (!type.isInstance(c)) {
            throw new PipelineException("Component '" + name + "' is a " + c.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName(), name, null, null);
        }
        return type.cast(c);
    }

    /** Component names in insertion order. */
    public List<String> componentNames() {
        List<String> out = new ArrayList<>();
        graph.nodes().forEach(n -> out.add(n.name()));
        return out;
    }

    /**
     * Connects {@code sender} ({@code "component"} or {@code "component.output"}) to
     * {@code receiver} ({@code "component"} or {@code "component.input"}).
     */
    public Pipeline connect(String sender, String receiver) {
        Connector.connect(this, graph, sender, receiver, connectionTypeValidation);
        return this;
    }

    /** The connections as {@code "sender.socket" -> "receiver.socket"} pairs, in order. */
    public List<Map.Entry<String, String>> connections() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Edge e : graph.edges()) {
            out.add(Map.entry(e.senderAddress(), e.receiverAddress()));
        }
        return out;
    }

    /**
     * The input sockets callers may fill: per component, the sockets without senders (or all
     * of them with {@code includeConnected}).
     */
    public Map<String, Map<String, InputSocket>> inputs(boolean includeConnected) {
        Map<String, Map<String, InputSocket>> out = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            Map<String, InputSocket> m = new LinkedHashMap<>();
            for (InputSocket s : n.sockets().inputs()) {
                if (includeConnected || n.senders(s.name()).isEmpty()) {
                    m.put(s.name(), s);
                }
            }
            if (!m.isEmpty()) {
                out.put(n.name(), m);
            }
        }
        return out;
    }

    /** The output sockets no connection consumes: what {@link #run} returns by default. */
    public Map<String, Map<String, OutputSocket>> outputs() {
        Map<String, Map<String, OutputSocket>> out = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            Map<String, OutputSocket> m = new LinkedHashMap<>();
            for (OutputSocket s : n.sockets().outputs()) {
                boolean connected = graph.edges().stream()
                        .anyMatch(e -> e.sender().equals(n.name()) && e.from().name().equals(s.name()));
                if (!connected) {
                    m.put(s.name(), s);
                }
            }
            if (!m.isEmpty()) {
                out.put(n.name(), m);
            }
        }
        return out;
    }

    /**
     * Adds a listener of this pipeline's runs (after those added before; adding the same one
     * twice does nothing). Run-time only: not part of {@code toDict}. Runs that already
     * started keep the listeners they started with.
     *
     * <pre>{@code
     * pipeline.addListener(tracing);   // e.g. a GenAiTracing from the observability module
     * }</pre>
     */
    public Pipeline addListener(PipelineListener listener) {
        listeners = listeners.plus(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The listeners of this pipeline's runs, in calling order. */
    public List<PipelineListener> listeners() {
        return listeners.asList();
    }

    /** Warms up every component (idempotent). */
    public void warmUp() {
        for (Node n : graph.nodes()) {
            try {
                n.component().warmUp();
            } catch (RuntimeException e) {
                throw new PipelineException("Warming up component '" + n.name() + "' failed: " + e.getMessage(),
                        n.name(), null, e);
            }
        }
    }

    /** Runs with inputs per component; returns the outputs that no connection consumed. */
    public Map<String, Map<String, Object>> run(Map<String, ? extends Map<String, ?>> inputsByComponent) {
        return run(inputsByComponent, Set.of());
    }

    /**
     * Runs with inputs per component. Returns, per component, the outputs no connection
     * consumed, plus all outputs of the components in {@code includeOutputsFrom} (for
     * components run in a loop, the last ones).
     */
    public Map<String, Map<String, Object>> run(Map<String, ? extends Map<String, ?>> inputsByComponent,
            Set<String> includeOutputsFrom) {
        Map<String, Map<String, Object>> data = InputValidation.validate(graph, inputsByComponent);
        Set<String> include = checkIncludes(includeOutputsFrom);
        PipelineListeners.Run observed = listeners.start(metadata, false, data);
        try {
            warmUp();
            RunState state = new RunState(graph, data, include);
            Map<String, Integer> topo = null;
            while (true) {
                Scheduler.Pick pick = Scheduler.next(graph, state);
                if (pick == null) {
                    break;
                }
                if (pick.deferred() && topo == null) {
                    topo = graph.topologicalIndex();
                }
                String name = pick.deferred() ? Scheduler.tiebreak(pick.candidates(), topo)
                        : pick.candidates().get(0);
                Map<String, Object> in = state.consume(name, maxRunsPerComponent);
                state.complete(name, Scheduler.runComponent(graph.node(name), in, observed, state.visits(name) + 1));
            }
            observed.ended(state.outputs(), null);
            return state.outputs();
        } catch (RuntimeException | Error e) {
            observed.ended(null, e);
            throw e;
        }
    }

    /**
     * Runs with flat inputs ({@code {"question": ...}}): each key must name exactly one open
     * input socket in the whole pipeline, otherwise the run is refused with the candidates.
     */
    public Map<String, Map<String, Object>> runFlat(Map<String, ?> inputs) {
        return run(InputValidation.distributeFlat(this, inputs), Set.of());
    }

    /**
     * Runs asynchronously on {@code executor}: components whose inputs are complete at the
     * same time run concurrently. Cancelling the returned future stops scheduling further
     * components and interrupts running ones.
     */
    public CompletableFuture<Map<String, Map<String, Object>>> runAsync(
            Map<String, ? extends Map<String, ?>> inputsByComponent, Set<String> includeOutputsFrom,
            Executor executor) {
        Objects.requireNonNull(executor, "executor");
        Map<String, Map<String, Object>> data = InputValidation.validate(graph, inputsByComponent);
        Set<String> include = checkIncludes(includeOutputsFrom);
        PipelineListeners.Run observed = listeners.start(metadata, true, data);
        try {
            warmUp();
        } catch (RuntimeException | Error e) {
            observed.ended(null, e);
            throw e;
        }
        return new AsyncRun(graph, new RunState(graph, data, include), maxRunsPerComponent, executor, observed)
                .start();
    }

    private Set<String> checkIncludes(Set<String> includeOutputsFrom) {
        Set<String> include = includeOutputsFrom == null ? Set.of() : Set.copyOf(includeOutputsFrom);
        for (String n : include) {
            if (!graph.contains(n)) {
                throw new PipelineException("includeOutputsFrom names an unknown component '" + n + "'", n, null,
                        null);
            }
        }
        return include;
    }

    /** Haystack's shape: metadata, max_runs_per_component, components, connections, connection_type_validation. */
    public Map<String, Object> toDict() {
        return PipelineDicts.toDict(this, graph);
    }

    /** Rebuilds a pipeline from {@link #toDict()} output through the default registry. */
    public static Pipeline fromDict(Map<String, ?> data) {
        return fromDict(data, ComponentRegistry.defaults(), Map.of());
    }

    /**
     * Rebuilds a pipeline, resolving component types through {@code registry} and using the
     * instances in {@code reuse} for the components with those names.
     */
    public static Pipeline fromDict(Map<String, ?> data, ComponentRegistry registry, Map<String, Component> reuse) {
        return PipelineDicts.fromDict(data, registry, reuse);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Pipeline\n");
        if (!metadata.isEmpty()) {
            sb.append("Metadata\n");
            metadata.forEach((k, v) -> sb.append("  - ").append(k).append(": ").append(v).append('\n'));
        }
        sb.append("Components\n");
        graph.nodes().forEach(n -> sb.append("  - ").append(n.name()).append(": ")
                .append(n.component().getClass().getSimpleName()).append('\n'));
        sb.append("Connections\n");
        graph.edges().forEach(e -> sb.append("  - ").append(e.senderAddress()).append(" -> ")
                .append(e.receiverAddress()).append(" (").append(Types.name(e.from().type())).append(")\n"));
        return sb.toString();
    }
}
