package dev.hayloft.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.testing.TestComponents.AddValue;
import dev.hayloft.core.testing.TestComponents.Slow;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncPipelineTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void independentBranchesRunConcurrently() throws Exception {
        Pipeline p = new Pipeline();
        for (int i = 0; i < 4; i++) {
            p.addComponent("slow" + i, new Slow(400));
        }
        Map<String, Map<String, Object>> inputs = Map.of("slow0", Map.of("in", "a"), "slow1", Map.of("in", "b"),
                "slow2", Map.of("in", "c"), "slow3", Map.of("in", "d"));
        long t0 = System.nanoTime();
        Map<String, Map<String, Object>> out = p.runAsync(inputs, Set.of(), pool).get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("c", out.get("slow2").get("out"));
        assertEquals(4, out.size());
        assertTrue(millis < 1200, "4 x 400 ms branches took " + millis + " ms: not concurrent");
    }

    @Test
    void asyncGivesTheSameResultAsSyncForALoop() throws Exception {
        Map<String, Map<String, Object>> in = Map.of("joiner", Map.of("value", 0));
        Map<String, Map<String, Object>> sync = PipelineTest.counterLoop(100, 7).run(in);
        Pipeline loop = PipelineTest.counterLoop(100, 7);
        Map<String, Map<String, Object>> async = loop.runAsync(in, Set.of("add"), pool).get(10, TimeUnit.SECONDS);
        assertEquals(sync.get("check"), async.get("check"));
        assertEquals(Map.of("result", 7), async.get("add"));
        AddValue add = loop.getComponent("add", AddValue.class);
        assertEquals(7, add.calls.size());
        assertTrue(add.calls.stream().allMatch(n -> n.startsWith("pool-")), add.calls.toString());
    }

    @Test
    void failuresCompleteTheFutureExceptionally() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> PipelineTest.counterLoop(5, 1000).runAsync(Map.of("joiner", Map.of("value", 0)), Set.of(), pool)
                        .get(10, TimeUnit.SECONDS));
        assertInstanceOf(PipelineException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("Maximum run count 5"));
    }
}
