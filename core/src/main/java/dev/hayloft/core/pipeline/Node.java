package dev.hayloft.core.pipeline;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentSockets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A component in a pipeline graph with its sockets and, per input socket, its senders. */
record Node(String name, Component component, ComponentSockets sockets, Map<String, List<String>> senders) {
    static Node of(String name, Component component, ComponentSockets sockets) {
        Map<String, List<String>> senders = new LinkedHashMap<>();
        sockets.inputs().forEach(s -> senders.put(s.name(), new ArrayList<>()));
        return new Node(name, component, sockets, senders);
    }

    List<String> senders(String socket) {
        return senders.getOrDefault(socket, List.of());
    }
}
