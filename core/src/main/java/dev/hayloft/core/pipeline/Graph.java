package dev.hayloft.core.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/** The components and connections of a pipeline, plus the topological order used to break ties. */
final class Graph {
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    void add(Node node) {
        nodes.put(node.name(), node);
    }

    Node node(String name) {
        return nodes.get(name);
    }

    boolean contains(String name) {
        return nodes.containsKey(name);
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    /** Component names, sorted (the order Haystack fills its queue in). */
    List<String> names() {
        return new ArrayList<>(new TreeSet<>(nodes.keySet()));
    }

    List<Edge> edges() {
        return edges;
    }

    void addEdge(Edge e) {
        edges.add(e);
        nodes.get(e.receiver()).senders().get(e.to().name()).add(e.sender());
    }

    List<Edge> edgesFrom(String sender) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            if (e.sender().equals(sender)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The position of each component in a topological order of the graph's strongly connected
     * components (components in one cycle share a position); ties broken by name.
     */
    Map<String, Integer> topologicalIndex() {
        Map<String, Integer> scc = new Tarjan().run();
        int count = scc.values().stream().mapToInt(i -> i).max().orElse(-1) + 1;
        Map<Integer, String> minName = new HashMap<>();
        scc.forEach((n, c) -> minName.merge(c, n, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        int[] indegree = new int[count];
        Map<Integer, List<Integer>> out = new HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Edge e : edges) {
            int a = scc.get(e.sender());
            int b = scc.get(e.receiver());
            if (a != b && seen.add(((long) a << 32) | b)) {
                out.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                indegree[b]++;
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((x, y) -> minName.get(x).compareTo(minName.get(y)));
        for (int c = 0; c < count; c++) {
            if (indegree[c] == 0) {
                ready.add(c);
            }
        }
        Map<Integer, Integer> order = new HashMap<>();
        int idx = 0;
        while (!ready.isEmpty()) {
            int c = ready.poll();
            order.put(c, idx++);
            for (int d : out.getOrDefault(c, List.of())) {
                if (--indegree[d] == 0) {
                    ready.add(d);
                }
            }
        }
        Map<String, Integer> result = new HashMap<>();
        scc.forEach((n, c) -> result.put(n, order.get(c)));
        return result;
    }

    /** Tarjan's strongly-connected-components algorithm, iterative. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final java.util.Set<String> onStack = new java.util.HashSet<>();
        private final Map<String, Integer> component = new HashMap<>();
        private int counter;
        private int components;

        Map<String, Integer> run() {
            for (String n : names()) {
                if (!index.containsKey(n)) {
                    strongConnect(n);
                }
            }
            return component;
        }

        private void strongConnect(String root) {
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, 0});
            visit(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                List<Edge> out = edgesFrom(v);
                int i = (Integer) frame[1];
                if (i < out.size()) {
                    frame[1] = i + 1;
                    String w = out.get(i).receiver();
                    if (!index.containsKey(w)) {
                        visit(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.put(w, components);
                        } while (!w.equals(v));
                        components++;
                    }
                }
            }
        }

        private void visit(String v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
        }
    }
}
