package dev.hayloft.core.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenableTest {
    public static final class Echo implements Component, Listenable {
        private final ListenerSlot listeners;

        Echo(List<GenerationListener> initial) {
            this.listeners = new ListenerSlot(initial);
        }

        public record Result(String text) {
        }

        @Run
        public Result run(@Input("text") String text) {
            listeners.get().start(this, "echo", "none", false, List.of(), Map::of).succeeded(List.of());
            return new Result(text);
        }

        @Override
        public void addListeners(List<? extends GenerationListener> more) {
            listeners.add(more);
        }

        @Override
        public List<GenerationListener> listeners() {
            return listeners.get().asList();
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    public static final class Plain implements Component {
        public record Result(String text) {
        }

        @Run
        public Result run(@Input("text") String text) {
            return new Result(text);
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    @Test
    void attachGivesEveryListenableComponentThePipelinesListenersOnce() {
        RecordingListener own = new RecordingListener();
        RecordingListener shared = new RecordingListener();
        Echo first = new Echo(List.of(own));
        Echo second = new Echo(List.of());
        Pipeline p = new Pipeline().addComponent("first", first).addComponent("plain", new Plain())
                .addComponent("second", second);

        assertEquals(List.of("first", "second"), Listenable.attach(p, List.of(shared)));
        Listenable.attach(p, List.of(shared, own));
        assertEquals(List.of(own, shared), first.listeners(), "builder listeners first, none twice");
        assertEquals(List.of(shared, own), second.listeners());

        first.run("a");
        second.run("b");
        assertEquals(List.of("request", "response", "request", "response"), shared.kinds());
        // not PipelineNamed: named after its class
        assertEquals("Echo", shared.of(RequestEvent.class).get(0).context().componentName());
        assertEquals(4, own.events().size());
    }
}
