package dev.hayloft.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.testing.TestComponents.AddValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineListenerTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Records every event with the thread it fired on. */
    static final class Recorder implements PipelineListener {
        final List<String> kinds = new CopyOnWriteArrayList<>();
        final List<Object> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        private void add(String kind, Object e) {
            kinds.add(kind);
            events.add(e);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onPipelineStart(PipelineStartEvent e) {
            add("start", e);
        }

        @Override
        public void onComponentStart(ComponentStartEvent e) {
            add("component_start " + e.component().componentName() + "#" + e.component().visit(), e);
        }

        @Override
        public void onComponentEnd(ComponentEndEvent e) {
            add("component_end " + e.component().componentName() + "#" + e.component().visit()
                    + (e.failed() ? " failed" : ""), e);
        }

        @Override
        public void onPipelineEnd(PipelineEndEvent e) {
            add("end" + (e.failed() ? " failed" : ""), e);
        }

        <T> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            events.forEach(e -> {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            });
            return out;
        }
    }

    /** Fails every run. */
    public static final class Boom implements Component {
        public record Result(Integer out) {
        }

        @Run
        public Result run(@Input("value") Integer value) {
            throw new IllegalStateException("boom " + value);
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    private static Pipeline chain() {
        Pipeline p = new Pipeline(Map.of("name", "adder"), 100, true);
        p.addComponent("first", new AddValue(1));
        p.addComponent("second", new AddValue(10));
        p.connect("first.result", "second.value");
        return p;
    }

    @Test
    void aRunReportsItsComponentsInOrderWithOneContextPerComponentRun() {
        Recorder r = new Recorder();
        Pipeline p = chain().addListener(r).addListener(r);
        assertEquals(List.of(r), p.listeners());
        Map<String, Map<String, Object>> out = p.run(Map.of("first", Map.of("value", 1)));
        assertEquals(Map.of("second", Map.of("result", 12)), out);

        assertEquals(List.of("start", "component_start first#1", "component_end first#1", "component_start second#1",
                "component_end second#1", "end"), r.kinds);
        PipelineStartEvent start = r.of(PipelineStartEvent.class).get(0);
        assertEquals(Map.of("name", "adder"), start.run().metadata());
        assertEquals(Map.of("first", Map.of("value", 1)), start.inputs());
        assertTrue(!start.run().async());
        List<ComponentStartEvent> starts = r.of(ComponentStartEvent.class);
        List<ComponentEndEvent> ends = r.of(ComponentEndEvent.class);
        assertSame(starts.get(0).component(), ends.get(0).component());
        assertSame(start.run(), starts.get(1).component().run());
        assertEquals(AddValue.class.getName(), starts.get(0).component().componentType());
        assertEquals(Map.of("value", 2), starts.get(1).inputs().entrySet().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)));
        assertEquals(Map.of("result", 12), ends.get(1).outputs());
        assertNull(ends.get(1).error());
        PipelineEndEvent end = r.of(PipelineEndEvent.class).get(0);
        assertEquals(out, end.outputs());
        assertSame(start.run(), end.run());
        // the contexts hold no values in their toString
        assertTrue(!start.toString().contains("value=1"), start.toString());
        // listeners are run-time only
        assertEquals(chain().toDict(), p.toDict());
    }

    @Test
    void loopVisitsAreNumbered() {
        Recorder r = new Recorder();
        Pipeline loop = PipelineTest.counterLoop(100, 3).addListener(r);
        loop.run(Map.of("joiner", Map.of("value", 0)));
        assertTrue(r.kinds.contains("component_start add#3"), r.kinds.toString());
        assertTrue(!r.kinds.contains("component_start add#4"), r.kinds.toString());
    }

    @Test
    void aFailingComponentEndsWithItsErrorAndTheRunWithThePipelineException() {
        Recorder r = new Recorder();
        Pipeline p = new Pipeline().addListener(r);
        p.addComponent("boom", new Boom());
        PipelineException e = assertThrows(PipelineException.class, () -> p.run(Map.of("boom", Map.of("value", 1))));
        assertEquals(List.of("start", "component_start boom#1", "component_end boom#1 failed", "end failed"),
                r.kinds);
        ComponentEndEvent end = r.of(ComponentEndEvent.class).get(0);
        assertInstanceOf(IllegalStateException.class, end.error());
        assertEquals(Map.of(), end.outputs());
        assertSame(e, r.of(PipelineEndEvent.class).get(0).error());
    }

    @Test
    void aThrowingListenerIsIgnoredAndTheOthersStillRun() {
        Recorder r = new Recorder();
        PipelineListener broken = new PipelineListener() {
            @Override
            public void onPipelineStart(PipelineStartEvent e) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onComponentStart(ComponentStartEvent e) {
                throw new LinkageError("listener bug");
            }

            @Override
            public void onComponentEnd(ComponentEndEvent e) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onPipelineEnd(PipelineEndEvent e) {
                throw new IllegalStateException("listener bug");
            }
        };
        Pipeline p = chain().addListener(broken).addListener(r);
        assertEquals(Map.of("second", Map.of("result", 12)), p.run(Map.of("first", Map.of("value", 1))));
        assertEquals(6, r.kinds.size());
    }

    @Test
    void asyncRunsReportComponentsOnTheThreadThatRunsThem() throws Exception {
        Recorder r = new Recorder();
        Pipeline p = new Pipeline().addListener(r);
        for (int i = 0; i < 3; i++) {
            p.addComponent("add" + i, new AddValue(i));
        }
        Map<String, Map<String, Object>> out = p.runAsync(Map.of("add0", Map.of("value", 1), "add1", Map.of("value", 1),
                "add2", Map.of("value", 1)), Set.of(), pool).get(10, TimeUnit.SECONDS);
        assertEquals(3, out.size());
        String caller = Thread.currentThread().getName();
        assertEquals(caller, r.threads.get(0));
        assertTrue(r.of(PipelineStartEvent.class).get(0).run().async());
        for (int i = 0; i < r.kinds.size(); i++) {
            if (r.kinds.get(i).startsWith("component_start")) {
                String ended = r.kinds.get(i).replace("component_start", "component_end");
                int j = r.kinds.indexOf(ended);
                assertTrue(j > i, r.kinds.toString());
                assertEquals(r.threads.get(i), r.threads.get(j), "start and end on one thread");
                assertTrue(r.threads.get(i).startsWith("pool-"), r.threads.get(i));
            }
        }
        assertEquals("end", r.kinds.get(r.kinds.size() - 1));
        assertEquals(out, r.of(PipelineEndEvent.class).get(0).outputs());
    }

    @Test
    void aFailedAsyncRunEndsFailed() {
        Recorder r = new Recorder();
        Pipeline p = new Pipeline().addListener(r);
        p.addComponent("boom", new Boom());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> p.runAsync(Map.of("boom", Map.of("value", 1)), Set.of(), pool).get(10, TimeUnit.SECONDS));
        assertEquals("end failed", r.kinds.get(r.kinds.size() - 1));
        assertSame(e.getCause(), r.of(PipelineEndEvent.class).get(0).error());
    }
}
