package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.component.OutputSocket;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.internal.Types;
import java.util.ArrayList;
import java.util.List;

/** Haystack's {@code connect} rules: resolve sockets, check types, pick the single fitting pairing. */
final class Connector {
    private Connector() {
    }

    private record Candidate(OutputSocket from, InputSocket to, Conversion conversion) {
    }

    static void connect(Pipeline p, Graph graph, String sender, String receiver, boolean typeValidation) {
        String[] s = parse(sender, "sender");
        String[] r = parse(receiver, "receiver");
        if (s[0].equals(r[0])) {
            throw new PipelineException("Connecting a Component to itself is not supported: " + sender + " -> "
                    + receiver, s[0], s[1], null);
        }
        Node sn = node(graph, s[0]);
        Node rn = node(graph, r[0]);
        if (sn.sockets().outputs().isEmpty()) {
            throw new PipelineException("'" + s[0] + "' does not have any output sockets", s[0], null, null);
        }
        List<OutputSocket> outs = new ArrayList<>();
        if (s[1] != null) {
            OutputSocket o = sn.sockets().output(s[1]);
            if (o == null) {
                throw new PipelineException("'" + sender + "' does not exist. Output sockets of " + s[0] + " are: "
                        + describeOutputs(sn), s[0], s[1], null);
            }
            outs.add(o);
        } else {
            outs.addAll(sn.sockets().outputs());
        }
        List<InputSocket> ins = new ArrayList<>();
        if (r[1] != null) {
            InputSocket i = rn.sockets().input(r[1]);
            if (i == null) {
                throw new PipelineException("'" + receiver + "' does not exist. Input sockets of " + r[0] + " are: "
                        + describeInputs(rn), r[0], r[1], null);
            }
            ins.add(i);
        } else {
            ins.addAll(rn.sockets().inputs());
        }
        List<Candidate> possible = new ArrayList<>();
        for (OutputSocket o : outs) {
            for (InputSocket i : ins) {
                if (!typeValidation || Types.strictlyCompatible(o.type(), i.type())) {
                    possible.add(new Candidate(o, i, null));
                } else {
                    Conversion c = Conversion.find(o.type(), i.type());
                    if (c != null) {
                        possible.add(new Candidate(o, i, c));
                    }
                }
            }
        }
        String status = status(s[0], outs, r[0], ins, rn);
        if (possible.isEmpty()) {
            String msg = outs.size() == 1 && ins.size() == 1
                    ? "Cannot connect '" + s[0] + "." + outs.get(0).name() + "' with '" + r[0] + "." + ins.get(0).name()
                            + "': their declared input and output types do not match (" + outs.get(0).typeName()
                            + " cannot be delivered to " + ins.get(0).typeName() + ").\n" + status
                    : "Cannot connect '" + s[0] + "' with '" + r[0] + "': no matching connections available.\n"
                            + status;
            throw new PipelineException(msg, r[0], r[1], null);
        }
        Candidate chosen;
        if (possible.size() == 1) {
            chosen = possible.get(0);
        } else {
            List<Candidate> byName = new ArrayList<>();
            for (Candidate c : possible) {
                if (c.from().name().equals(c.to().name())) {
                    byName.add(c);
                }
            }
            if (byName.size() != 1) {
                throw new PipelineException("Cannot connect '" + s[0] + "' with '" + r[0] + "': more than one "
                        + "connection is possible between these components. Specify the sockets, like: "
                        + "connect(\"" + s[0] + "." + possible.get(0).from().name() + "\", \"" + r[0] + "."
                        + possible.get(0).to().name() + "\").\n" + status, r[0], null, null);
            }
            chosen = byName.get(0);
        }
        List<String> senders = rn.senders(chosen.to().name());
        if (senders.contains(s[0]) && graph.edges().stream().anyMatch(e -> e.sender().equals(s[0])
                && e.receiver().equals(r[0]) && e.to().name().equals(chosen.to().name())
                && e.from().name().equals(chosen.from().name()))) {
            return; // already connected
        }
        if (!senders.isEmpty() && !chosen.to().variadic()) {
            throw new PipelineException("Cannot connect '" + s[0] + "." + chosen.from().name() + "' with '" + r[0] + "."
                    + chosen.to().name() + "': " + r[0] + "." + chosen.to().name() + " is already connected to "
                    + senders + " and is not variadic", r[0], chosen.to().name(), null);
        }
        graph.addEdge(new Edge(s[0], chosen.from(), r[0], chosen.to(), typeValidation ? chosen.conversion() : null));
    }

    private static String[] parse(String address, String what) {
        if (address == null || address.isBlank()) {
            throw new PipelineException(what + " must be 'component' or 'component.socket' but was '" + address + "'");
        }
        int dot = address.indexOf('.');
        if (dot < 0) {
            return new String[] {address, null};
        }
        return new String[] {address.substring(0, dot), address.substring(dot + 1)};
    }

    private static Node node(Graph graph, String name) {
        Node n = graph.node(name);
        if (n == null) {
            throw new PipelineException("Component named " + name + " not found in the pipeline.", name, null, null);
        }
        return n;
    }

    private static String describeOutputs(Node n) {
        List<String> l = new ArrayList<>();
        n.sockets().outputs().forEach(o -> l.add(o.name() + " (type " + o.typeName() + ")"));
        return String.join(", ", l);
    }

    private static String describeInputs(Node n) {
        List<String> l = new ArrayList<>();
        n.sockets().inputs().forEach(i -> l.add(i.name() + " (type " + i.typeName() + ")"));
        return String.join(", ", l);
    }

    private static String status(String sender, List<OutputSocket> outs, String receiver, List<InputSocket> ins,
            Node rn) {
        StringBuilder sb = new StringBuilder("'").append(sender).append("':\n");
        outs.forEach(o -> sb.append(" - ").append(o.name()).append(": ").append(o.typeName()).append('\n'));
        sb.append("'").append(receiver).append("':\n");
        ins.forEach(i -> {
            List<String> senders = rn.senders(i.name());
            sb.append(" - ").append(i.name()).append(": ").append(i.typeName()).append(" (")
                    .append(senders.isEmpty() ? "available" : "sent by " + String.join(",", senders)).append(")\n");
        });
        return sb.toString().stripTrailing();
    }
}
