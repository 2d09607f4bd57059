package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.tools.ToolSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Policies and lifecycle with user-written chat generators (any ChatGenerator works). */
class PolicyAndLifecycleTest {
    /** A user's chat generator: replies or throws what the supplier gives. */
    static final class UserGenerator implements ChatGenerator, AutoCloseable {
        final Supplier<String> reply;
        final AtomicInteger warmUps = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        UserGenerator(Supplier<String> reply) {
            this.reply = reply;
        }

        @Run
        @Override
        public ChatGeneratorResult run(@Input("messages") List<ChatMessage> messages,
                @Input(value = "generation_kwargs", optional = true) Map<String, Object> kwargs,
                @Input(value = "tools", optional = true) List<? extends ToolSource> tools,
                @Input(value = "streaming_callback", optional = true) StreamingCallback callback) {
            return new ChatGeneratorResult(List.of(ChatMessage.fromAssistant(reply.get())));
        }

        @Override
        public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages, Map<String, Object> kwargs,
                List<? extends ToolSource> tools, StreamingCallback callback) {
            try {
                return CompletableFuture.completedFuture(run(messages, kwargs, tools, callback));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void warmUp() {
            warmUps.incrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    private static UserGenerator failing(RuntimeException e) {
        return new UserGenerator(() -> {
            throw e;
        });
    }

    private static InvalidRequestException badRequest() {
        return new InvalidRequestException("bad", GenerationException.details("user").statusCode(400), null);
    }

    @Test
    void haystacksPolicyFailsOverOnEverything() {
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(failing(badRequest()),
                new UserGenerator(() -> "B"))).failoverPolicy(FailoverPolicy.always()).build();
        assertEquals("B", llm.run(ask("hi")).text());
    }

    @Test
    void anyExceptionFailsOverByDefaultAsInHaystack() {
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(
                failing(new IllegalStateException("model not loaded")), new UserGenerator(() -> "B"))).build();
        FallbackResult r = llm.runWithMeta(ask("hi"), null, null, null);
        assertEquals("B", r.text());
        assertEquals(FailureKind.OTHER, r.attempts().get(0).failureKind());
        assertEquals("IllegalStateException", r.attempts().get(0).errorType());
    }

    @Test
    void aPredicatePolicySeesTheAttempt() {
        List<AttemptFailure> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        UserGenerator first = failing(badRequest());
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(first,
                new UserGenerator(() -> "B"))).failoverPolicy(FailoverPolicy.when(f -> seen.add(f) && f.remaining() > 0))
                .build();
        assertEquals("B", llm.run(ask("hi")).text());
        AttemptFailure f = seen.get(0);
        assertEquals(0, f.chatGeneratorIndex());
        assertSame(first, f.chatGenerator());
        assertEquals(1, f.attempt());
        assertEquals(FailureKind.INVALID_REQUEST, f.kind());
        assertEquals(1, f.remaining());
    }

    @Test
    void aThrowingPolicyFailsTheRequestWithItsException() {
        IllegalStateException bug = new IllegalStateException("policy bug");
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(failing(badRequest()),
                new UserGenerator(() -> "B"))).failoverPolicy(f -> {
                    throw bug;
                }).build();
        FallbackException e = assertThrows(FallbackException.class, () -> llm.run(ask("hi")));
        assertSame(bug, e.getCause());
        assertInstanceOf(InvalidRequestException.class, e.getSuppressed()[0]);
    }

    @Test
    void aNestedFallbacksMetaIsMergedAndOursWins() {
        FallbackChatGenerator inner = FallbackChatGenerator.builder().chatGenerators(List.of(
                failing(new IllegalStateException("x")), new UserGenerator(() -> "inner B"))).build();
        FallbackChatGenerator outer = FallbackChatGenerator.builder().chatGenerators(List.of(inner)).build();
        FallbackResult r = outer.runWithMeta(ask("hi"), null, null, null);
        assertEquals("inner B", r.text());
        assertEquals(0, r.successfulChatGeneratorIndex());
        assertEquals("FallbackChatGenerator", r.meta().get("successful_chat_generator_class"));
        assertEquals(1, r.meta().get("total_attempts"));
    }

    @Test
    void warmUpAndCloseReachEveryWrappedGenerator() {
        UserGenerator a = new UserGenerator(() -> "A");
        UserGenerator b = new UserGenerator(() -> "B");
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(a, b)).build();
        llm.warmUp();
        llm.close();
        assertEquals(List.of(1, 1, 1, 1), List.of(a.warmUps.get(), b.warmUps.get(), a.closes.get(), b.closes.get()));
    }

    @Test
    void aGeneratorThatReturnsNoFutureIsAFailureNotAHang() {
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(new ChatGenerator() {
            @Override
            public ChatGeneratorResult run(List<ChatMessage> m, Map<String, Object> k, List<? extends ToolSource> t,
                    StreamingCallback c) {
                return null;
            }

            @Override
            public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> m, Map<String, Object> k,
                    List<? extends ToolSource> t, StreamingCallback c) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Map<String, Object> toDict() {
                return Map.of();
            }
        }, new UserGenerator(() -> "B"))).build();
        FallbackResult r = llm.runWithMeta(ask("hi"), null, null, null);
        assertEquals("B", r.text());
        assertEquals("IllegalStateException", r.attempts().get(0).errorType());
    }
}
