package dev.hayloft.core.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class GenerationListenersTest {

    /** A stand-in generator: what a real one does with its observation. */
    private static final class FakeGenerator implements PipelineNamed {
        private final PipelineNameSlot name = new PipelineNameSlot();
        private final GenerationListeners listeners;

        FakeGenerator(GenerationListener... listeners) {
            this.listeners = GenerationListeners.of(listeners);
        }

        List<ChatMessage> run(String prompt, StreamingCallback callback, int failuresBeforeSuccess) {
            List<ChatMessage> messages = List.of(ChatMessage.fromUser(prompt));
            GenerationObservation obs = listeners.start(GenerationContext.of(this, "fake", "fake-1", callback != null),
                    messages, Map.of("temperature", 0.5));
            try {
                for (int i = 0; i < failuresBeforeSuccess; i++) {
                    obs.retrying(new RateLimitException("slow down", GenerationException.details("fake")
                            .statusCode(429).retryAfter(Duration.ofMillis(5)), null), Duration.ofMillis(5));
                }
                StreamingCallback cb = obs.wrap(callback);
                if (cb != null) {
                    cb.onChunk(StreamingChunk.builder().meta(Map.of("role", "assistant")).build());
                    cb.onChunk(StreamingChunk.builder().content("Hel").index(0).start(true).build());
                    cb.onChunk(StreamingChunk.builder().content("lo").index(0).build());
                    cb.onChunk(StreamingChunk.builder().index(0).finishReason(FinishReason.STOP).build());
                }
                if (prompt.equals("fail")) {
                    throw new GenerationException("boom", GenerationException.details("fake").statusCode(400), null);
                }
                List<ChatMessage> replies = List.of(ChatMessage.fromAssistant("Hello", List.of(), Map.of(
                        "model", "fake-1-2025", "finish_reason", "stop",
                        "usage", Map.of("prompt_tokens", 3, "completion_tokens", 2))));
                obs.succeeded(replies);
                return replies;
            } catch (RuntimeException e) {
                obs.failed(e);
                throw e;
            }
        }

        @Override
        public void assignPipelineName(String n) {
            name.assign(n);
        }

        @Override
        public Optional<String> pipelineName() {
            return name.get();
        }
    }

    private static final class Throwing implements GenerationListener {
        int calls;

        @Override
        public void onRequest(RequestEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onChunk(ChunkEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onFirstToken(FirstTokenEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onRetry(RetryEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onResponse(ResponseEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onError(ErrorEvent event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }
    }

    @Test
    void aStreamedRequestEmitsRequestFirstTokenChunksResponse() {
        RecordingListener events = new RecordingListener();
        List<StreamingChunk> seen = new ArrayList<>();
        new FakeGenerator(events).run("Hi", seen::add, 0);

        assertEquals(List.of("request", "chunks", "first_token", "chunks", "response"), events.kinds());
        assertEquals(4, seen.size(), "the callback still gets every chunk");
        RequestEvent request = events.one(RequestEvent.class);
        GenerationContext ctx = request.context();
        assertEquals("FakeGenerator", ctx.componentName());
        assertEquals(FakeGenerator.class.getName(), ctx.componentType());
        assertEquals("fake", ctx.provider());
        assertEquals("fake-1", ctx.model());
        assertTrue(ctx.streaming());
        assertEquals(1, request.attempt());
        assertEquals("Hi", request.messages().get(0).text());
        assertEquals(0.5, request.generationKwargs().get("temperature"));

        FirstTokenEvent first = events.one(FirstTokenEvent.class);
        assertEquals("Hel", first.chunk().content());
        List<ChunkEvent> chunks = events.of(ChunkEvent.class);
        assertEquals(List.of(0, 1, 2, 3), chunks.stream().map(ChunkEvent::index).toList());
        chunks.forEach(c -> assertSame(ctx, c.context()));

        ResponseEvent response = events.one(ResponseEvent.class);
        assertSame(ctx, response.context());
        assertEquals(1, response.attempt());
        assertEquals(new TokenUsage(3, 2), response.usage());
        assertEquals(5, response.usage().totalTokens());
        assertEquals(List.of("stop"), response.finishReasons());
        assertEquals("fake-1-2025", response.responseModel());
        assertEquals(4, response.chunks());
        assertEquals(first.timeToFirstToken(), response.timeToFirstToken());
        assertFalse(response.duration().compareTo(response.timeToFirstToken()) < 0);
    }

    @Test
    void aNonStreamedRequestHasNoChunkEvents() {
        RecordingListener events = new RecordingListener();
        new FakeGenerator(events).run("Hi", null, 0);
        assertEquals(List.of("request", "response"), events.kinds());
        assertFalse(events.one(RequestEvent.class).context().streaming());
        assertNull(events.one(ResponseEvent.class).timeToFirstToken());
        assertEquals(0, events.one(ResponseEvent.class).chunks());
    }

    @Test
    void retriesCountAttempts() {
        RecordingListener events = new RecordingListener();
        new FakeGenerator(events).run("Hi", null, 2);
        assertEquals(List.of("request", "retry", "retry", "response"), events.kinds());
        List<RetryEvent> retries = events.of(RetryEvent.class);
        assertEquals(List.of(2, 3), retries.stream().map(RetryEvent::attempt).toList());
        assertEquals(OptionalInt.of(429), retries.get(0).previousError().statusCode());
        assertEquals(Duration.ofMillis(5), retries.get(0).delay());
        assertEquals(3, events.one(ResponseEvent.class).attempt());
    }

    @Test
    void errorsCarryStatusAndRetryability() {
        RecordingListener events = new RecordingListener();
        try {
            new FakeGenerator(events).run("fail", null, 1);
        } catch (GenerationException expected) {
            // the caller still gets it
        }
        assertEquals(List.of("request", "retry", "error"), events.kinds());
        ErrorEvent error = events.one(ErrorEvent.class);
        assertEquals(2, error.attempt());
        assertEquals(OptionalInt.of(400), error.statusCode());
        assertFalse(error.retryable());
        assertFalse(error.cancelled());
        assertEquals("GenerationException", error.errorType());
    }

    @Test
    void listenersAreCalledInOrderForEveryEvent() {
        List<String> calls = new ArrayList<>();
        GenerationListener a = new GenerationListener() {
            @Override
            public void onRequest(RequestEvent event) {
                calls.add("a.request");
            }

            @Override
            public void onResponse(ResponseEvent event) {
                calls.add("a.response");
            }
        };
        GenerationListener b = new GenerationListener() {
            @Override
            public void onRequest(RequestEvent event) {
                calls.add("b.request");
            }

            @Override
            public void onResponse(ResponseEvent event) {
                calls.add("b.response");
            }
        };
        new FakeGenerator(a, b).run("Hi", null, 0);
        assertEquals(List.of("a.request", "b.request", "a.response", "b.response"), calls);
    }

    @Test
    void aThrowingListenerBreaksNeitherTheGenerationNorTheOtherListeners() {
        Throwing bad = new Throwing();
        RecordingListener events = new RecordingListener();
        List<StreamingChunk> seen = new ArrayList<>();
        List<ChatMessage> replies = new FakeGenerator(bad, events, bad).run("Hi", seen::add, 1);

        assertEquals("Hello", replies.get(0).text());
        assertEquals(4, seen.size());
        assertEquals(List.of("request", "retry", "chunks", "first_token", "chunks", "response"), events.kinds());
        assertEquals(2 * 8, bad.calls, "called for every event (request, retry, 4 chunks, first token, response)");
    }

    @Test
    void theTerminalEventFiresOnce() {
        RecordingListener events = new RecordingListener();
        GenerationObservation obs = GenerationListeners.of(events).start(
                GenerationContext.of(this, "fake", "m", false), List.of(), null);
        obs.failed(new CancellationException("cancelled"));
        obs.failed(new IllegalStateException("late"));
        obs.succeeded(List.of());
        obs.chunk(StreamingChunk.ofText("late"));
        assertEquals(List.of("request", "error"), events.kinds());
        assertTrue(events.one(ErrorEvent.class).cancelled());
        assertFalse(events.one(ErrorEvent.class).retryable());
    }

    @Test
    void compositesFlattenAndNoListenersCostNothing() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        GenerationListeners inner = GenerationListeners.of(a);
        GenerationListeners all = GenerationListeners.of(List.of(inner, b));
        assertEquals(List.of(a, b), all.asList());
        assertEquals(List.of(a, b, a), all.plus(List.of(a)).asList());
        assertSame(all, all.plus(List.of()));

        assertTrue(GenerationListeners.of(List.of()).isEmpty());
        GenerationObservation none = GenerationListeners.none().start(GenerationContext.of(this, "p", "m", true),
                List.of(), Map.of());
        assertSame(GenerationObservation.none(), none);
        assertFalse(none.isActive());
        StreamingCallback cb = chunk -> { };
        assertSame(cb, none.wrap(cb));
        assertNull(GenerationListeners.of(a).start(GenerationContext.of(this, "p", "m", false), List.of(), null)
                .wrap(null));
        none.succeeded(List.of());
        none.failed(new IllegalStateException());
    }

    @Test
    void theComponentNameIsThePipelineNameWhenThereIsOne() {
        RecordingListener events = new RecordingListener();
        FakeGenerator g = new FakeGenerator(events);
        g.assignPipelineName("llm");
        g.run("Hi", null, 0);
        assertEquals("llm", events.one(RequestEvent.class).context().componentName());
    }

    @Test
    void requestIdsDifferPerRequest() {
        RecordingListener events = new RecordingListener();
        FakeGenerator g = new FakeGenerator(events);
        g.run("Hi", null, 0);
        g.run("Hi", null, 0);
        List<RequestEvent> requests = events.of(RequestEvent.class);
        assertNotEquals(requests.get(0).context().requestId(), requests.get(1).context().requestId());
    }

    @Test
    void toStringShowsNoContents() {
        RecordingListener events = new RecordingListener();
        new FakeGenerator(events).run("my secret plan", chunk -> { }, 0);
        for (Object e : events.events()) {
            String s = e.toString();
            assertFalse(s.contains("secret plan"), s);
            // the kwarg's value (0.5) in any rendering, but not the timestamp's digits (…00.5…)
            assertFalse(s.matches("(?s).*(=|: ?)0\\.5\\b.*"), s);
            assertFalse(s.contains("Hel"), s);
        }
        assertTrue(events.one(RequestEvent.class).toString().contains("[temperature]"));
    }

    @Test
    void usageIsReadFromEitherNaming() {
        assertEquals(new TokenUsage(4, 7), TokenUsage.fromMeta(Map.of("input_tokens", 4, "output_tokens", 7)));
        assertSame(TokenUsage.UNKNOWN, TokenUsage.fromMeta(null));
        assertNull(new TokenUsage(1, null).totalTokens());
        assertEquals(new TokenUsage(3, 2), new TokenUsage(1, null).plus(new TokenUsage(2, 2)));
    }

    @Test
    void usageOfSeveralRepliesIsNotCountedTwice() {
        RecordingListener events = new RecordingListener();
        GenerationListeners listeners = GenerationListeners.of(events);
        Map<String, Object> whole = Map.of("prompt_tokens", 10, "completion_tokens", 6);
        listeners.start(GenerationContext.of(this, "p", "m", false), List.of(), null).succeeded(List.of(
                ChatMessage.fromAssistant("a", List.of(), Map.of("usage", whole, "finish_reason", "stop")),
                ChatMessage.fromAssistant("b", List.of(), Map.of("usage", whole, "finish_reason", "length"))));
        assertEquals(new TokenUsage(10, 6), events.one(ResponseEvent.class).usage(), "one completion-level usage");
        assertEquals(List.of("stop", "length"), events.one(ResponseEvent.class).finishReasons());

        events.clear();
        listeners.start(GenerationContext.of(this, "p", "m", false), List.of(), null).succeeded(List.of(
                ChatMessage.fromAssistant("a", List.of(), Map.of("usage", Map.of("prompt_tokens", 10,
                        "completion_tokens", 2))),
                ChatMessage.fromAssistant("b", List.of(), Map.of("usage", Map.of("prompt_tokens", 10,
                        "completion_tokens", 3)))));
        assertEquals(new TokenUsage(10, 5), events.one(ResponseEvent.class).usage(), "per-reply usage");

        events.clear();
        listeners.start(GenerationContext.of(this, "p", "m", false), List.of(), null).succeeded(List.of(),
                new TokenUsage(1, 2));
        assertEquals(new TokenUsage(1, 2), events.one(ResponseEvent.class).usage());
    }

    @Test
    void circuitStateChangesReachEveryListenerEvenWhenOneThrows() {
        RecordingListener events = new RecordingListener();
        GenerationListener bad = new GenerationListener() {
            @Override
            public void onCircuitStateChange(CircuitBreakerEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        GenerationContext ctx = GenerationContext.of(this, "fallback", null, false);
        CircuitBreakerEvent opened = new CircuitBreakerEvent(ctx, 1, "OpenAIChatGenerator",
                CircuitBreakerEvent.State.CLOSED, CircuitBreakerEvent.State.OPEN, 3, java.time.Instant.EPOCH,
                new GenerationException("busy", GenerationException.details("openai").statusCode(503), null));
        GenerationListeners.of(bad, events).onCircuitStateChange(opened);
        assertEquals(List.of("circuit"), events.kinds());
        assertSame(opened, events.one(CircuitBreakerEvent.class));
        assertTrue(opened.toString().contains("CLOSED -> OPEN"), opened.toString());
        assertFalse(opened.toString().contains("busy"), "no error message in toString: " + opened);
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreakerEvent(ctx, -1, "X",
                CircuitBreakerEvent.State.OPEN, CircuitBreakerEvent.State.HALF_OPEN, 0, null, null));
    }

    @Test
    void carriedContextsAreCapturedNowEnteredInOrderAndLeftInReverseAndAThrowingOneIsIgnored() {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        GenerationListener first = new GenerationListener() {
            @Override
            public CarriedContext carry(GenerationContext request) {
                log.add("capture first " + (request == null ? "-" : request.model()));
                return () -> {
                    log.add("enter first");
                    return () -> log.add("leave first");
                };
            }
        };
        GenerationListener broken = new GenerationListener() {
            @Override
            public CarriedContext carry(GenerationContext request) {
                throw new IllegalStateException("listener bug");
            }
        };
        GenerationListener brokenEnter = new GenerationListener() {
            @Override
            public CarriedContext carry(GenerationContext request) {
                return () -> {
                    throw new IllegalStateException("listener bug");
                };
            }
        };
        GenerationListener second = new GenerationListener() {
            @Override
            public CarriedContext carry(GenerationContext request) {
                log.add("capture second");
                return () -> {
                    log.add("enter second");
                    return () -> log.add("leave second");
                };
            }
        };
        GenerationListener plain = new GenerationListener() {
        };
        GenerationListeners listeners = GenerationListeners.of(first, broken, brokenEnter, second, plain);
        CarriedContext carried = listeners.carry(null);
        assertEquals(List.of("capture first -", "capture second"), log);
        log.clear();
        try (CarriedContext.Scope scope = carried.enter()) {
            log.add("work");
        }
        assertEquals(List.of("enter first", "enter second", "work", "leave second", "leave first"), log);

        log.clear();
        GenerationObservation obs = GenerationListeners.of(first).start(GenerationContext.of(this, "fake", "m-1",
                false), List.of(), Map.of());
        obs.carry();
        assertEquals(List.of("capture first m-1"), log);
        assertSame(CarriedContext.NONE, GenerationListeners.none().carry(null));
        assertSame(CarriedContext.NONE, GenerationObservation.none().carry());
        assertSame(CarriedContext.NONE, GenerationListeners.of(new GenerationListener() {
        }).carry(null));
    }

    @Test
    void aRetryMayNameTheModelOfTheNextAttempt() {
        RecordingListener events = new RecordingListener();
        GenerationObservation obs = GenerationListeners.of(events).start(GenerationContext.of(this, "fake", "m-1",
                false), List.of(), Map.of());
        RateLimitException slow = new RateLimitException("slow down", GenerationException.details("fake")
                .statusCode(429), null);
        obs.retrying(slow, Duration.ZERO);
        obs.retrying(slow, Duration.ZERO, "m-2");
        List<RetryEvent> retries = events.of(RetryEvent.class);
        assertNull(retries.get(0).model());
        assertEquals("m-1", retries.get(0).attemptModel());
        assertEquals("m-2", retries.get(1).attemptModel());
        assertEquals(3, retries.get(1).attempt());
    }

    @Test
    void chunkEventsAreMadeOnlyWhenAListenerImplementsOnChunk() {
        GenerationListener firstTokenOnly = new GenerationListener() {
            @Override
            public void onFirstToken(FirstTokenEvent event) {
            }
        };
        assertFalse(GenerationListeners.of(firstTokenOnly).wantsChunks());
        RecordingListener events = new RecordingListener();
        assertTrue(GenerationListeners.of(firstTokenOnly, events).wantsChunks());
    }

    @Test
    void aContextsServerKeepsSchemeHostPortAndPathOnly() {
        GenerationContext ctx = GenerationContext.of(this, "fake", "m-1", false);
        assertNull(ctx.server());
        GenerationContext with = ctx.withServer("https://user:" + "pw@api.example.com:8443/v1?key=" + "abc#x");
        assertEquals(java.net.URI.create("https://api.example.com:8443/v1"), with.server());
        assertEquals(ctx.requestId(), with.requestId());
        assertNull(ctx.withServer("not a uri with spaces").server());
        assertNull(ctx.withServer("/relative/path").server());
        assertNull(ctx.withServer(null).server());
    }
}
