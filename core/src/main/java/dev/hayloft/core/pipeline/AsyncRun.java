package dev.hayloft.core.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * An asynchronous pipeline run: every component that is ready at the same time starts on the
 * executor; each completion updates the shared state and starts what became ready. Deferred
 * components (waiting on optional inputs) start only when nothing else runs.
 */
final class AsyncRun {
    private final Graph graph;
    private final RunState state;
    private final int maxRuns;
    private final Executor executor;
    private final PipelineListeners.Run observed;
    private final CompletableFuture<Map<String, Map<String, Object>>> result = new CompletableFuture<>();
    private final Set<String> running = new HashSet<>();
    private final Map<String, Future<?>> tasks = new HashMap<>();
    private Map<String, Integer> topo;

    AsyncRun(Graph graph, RunState state, int maxRuns, Executor executor, PipelineListeners.Run observed) {
        this.graph = graph;
        this.state = state;
        this.maxRuns = maxRuns;
        this.executor = executor;
        this.observed = observed;
    }

    CompletableFuture<Map<String, Map<String, Object>>> start() {
        result.whenComplete((r, t) -> {
            if (result.isCancelled()) {
                cancelRunning();
            }
            observed.ended(r, t); // cancelled from outside (otherwise already reported)
        });
        pump();
        return result;
    }

    private synchronized void cancelRunning() {
        tasks.values().forEach(f -> f.cancel(true));
    }

    private synchronized void pump() {
        if (result.isDone()) {
            return;
        }
        try {
            Scheduler.Pick pick = Scheduler.next(graph, state);
            List<String> launch;
            if (pick == null) {
                launch = List.of();
            } else if (!pick.deferred()) {
                launch = pick.candidates().stream().filter(n -> !running.contains(n)).toList();
            } else if (running.isEmpty()) {
                if (topo == null) {
                    topo = graph.topologicalIndex();
                }
                launch = List.of(Scheduler.tiebreak(pick.candidates(), topo));
            } else {
                launch = List.of(); // wait: a running component may still feed the deferred ones
            }
            Map<String, FutureTask<Map<String, Object>>> started = new java.util.LinkedHashMap<>();
            for (String name : launch) {
                Map<String, Object> inputs = state.consume(name, maxRuns);
                int visit = state.visits(name) + 1;
                running.add(name);
                FutureTask<Map<String, Object>> task = new FutureTask<>(
                        () -> Scheduler.runComponent(graph.node(name), inputs, observed, visit));
                tasks.put(name, task);
                started.put(name, task);
            }
            // all launches are registered before any starts, so an executor that runs tasks
            // inline cannot start the same component twice
            started.forEach((name, task) -> executor.execute(() -> {
                task.run();
                finished(name, task);
            }));
            if (running.isEmpty()) {
                observed.ended(state.outputs(), null); // before completing: the caller sees the run ended
                result.complete(state.outputs());
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        observed.ended(null, e);
        result.completeExceptionally(e);
    }

    private void finished(String name, FutureTask<Map<String, Object>> task) {
        synchronized (this) {
            running.remove(name);
            tasks.remove(name);
            if (result.isDone()) {
                return;
            }
            try {
                state.complete(name, task.get());
            } catch (java.util.concurrent.ExecutionException e) {
                fail(e.getCause());
                return;
            } catch (java.util.concurrent.CancellationException | InterruptedException e) {
                result.cancel(false);
                return;
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
        }
        pump();
    }
}
