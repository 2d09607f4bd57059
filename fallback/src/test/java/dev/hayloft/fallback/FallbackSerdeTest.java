package dev.hayloft.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** toDict / fromDict: Haystack's exact shape by default, Hayloft's settings when given, nested generators, errors. */
class FallbackSerdeTest {
    private static final String TYPE = "dev.hayloft.fallback.FallbackChatGenerator";

    private static OpenAIChatGenerator openai(String model) {
        return OpenAIChatGenerator.builder().model(model).apiKey(Secret.fromEnvVar("OPENAI_API_KEY")).build();
    }

    @Test
    void theDefaultDictIsHaystacks() {
        OpenAIChatGenerator a = openai("gpt-4o-mini");
        OpenAIChatGenerator b = openai("gpt-4.1-mini");
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(a, b)).build();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", TYPE);
        expected.put("init_parameters", Map.of("chat_generators", List.of(a.toDict(), b.toDict())));
        assertEquals(expected, llm.toDict());
    }

    @Test
    void everySettingRoundTrips() {
        FallbackChatGenerator llm = FallbackChatGenerator.builder()
                .chatGenerators(List.of(openai("gpt-4o-mini"), openai("gpt-4.1-mini")))
                .streamingCallback(StreamingCallback.printStreamingChunk())
                .failoverPolicy(FailoverPolicy.builder().contextLengthFallback(true)
                        .on(FailureKind.OTHER, FailoverPolicy.Action.FAIL).build())
                .circuitBreaker(new CircuitBreaker(3, Duration.ofSeconds(30), Duration.ofMinutes(5)))
                .streaming(StreamingPolicy.holdUntil(80, Duration.ofMillis(250)).withFailoverAfterCommit(false))
                .timeToFirstTokenTimeout(Duration.ofMillis(1500)).totalTimeout(Duration.ofSeconds(60)).build();
        Map<String, Object> dict = llm.toDict();
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) dict.get("init_parameters");
        assertEquals("print_streaming_chunk", init.get("streaming_callback"));
        assertEquals(Map.of("failure_threshold", 3, "cooldown", 30.0, "max_cooldown", 300.0),
                init.get("circuit_breaker"));
        assertEquals(JsonValues.map("commit_chars", 80, "commit_delay", 0.25, "failover_after_commit", false),
                init.get("streaming"));
        assertEquals(1.5, init.get("time_to_first_token_timeout"));
        assertEquals(60.0, init.get("total_timeout"));
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) init.get("failover_policy");
        assertEquals("failover", policy.get("context_length"));
        assertEquals("fail", policy.get("other"));
        assertEquals("skip", policy.get("authentication"));

        FallbackChatGenerator back = FallbackChatGenerator.fromDict(dict);
        assertEquals(dict, back.toDict());
        assertEquals(Duration.ofMillis(1500), back.timeToFirstTokenTimeout());
        assertEquals(StreamingPolicy.holdUntil(80, Duration.ofMillis(250)).withFailoverAfterCommit(false),
                back.streamingPolicy());
        assertEquals(2, back.chatGenerators().size());
        assertEquals("gpt-4.1-mini", ((OpenAIChatGenerator) back.chatGenerators().get(1)).model());
        assertEquals(dict, llm.toBuilder().build().toDict(), "toBuilder keeps every setting");
    }

    @Test
    void haystacksTypeNamesResolve() {
        Map<String, Object> init = Map.of("chat_generators", List.of(openai("gpt-4o-mini").toDict()));
        for (String name : List.of("haystack.components.generators.chat.fallback.FallbackChatGenerator",
                "haystack.components.generators.chat.FallbackChatGenerator", TYPE)) {
            assertInstanceOf(FallbackChatGenerator.class, ComponentRegistry.defaults().fromDict(
                    Map.of("type", name, "init_parameters", init)));
        }
        assertEquals("haystack.components.generators.chat.fallback.FallbackChatGenerator",
                ComponentRegistry.defaults().typeOf(FallbackChatGenerator.class).orElseThrow().haystackName());
    }

    @Test
    void nestedFallbacksRoundTrip() {
        FallbackChatGenerator inner = FallbackChatGenerator.builder().chatGenerator(openai("a")).build();
        FallbackChatGenerator outer = FallbackChatGenerator.builder().chatGenerators(List.of(inner, openai("b")))
                .build();
        FallbackChatGenerator back = FallbackChatGenerator.fromDict(outer.toDict());
        assertInstanceOf(FallbackChatGenerator.class, back.chatGenerators().get(0));
        assertEquals(outer.toDict(), back.toDict());
    }

    @Test
    void badDictsNameTheField() {
        DeserializationException empty = assertThrows(DeserializationException.class, () -> FallbackChatGenerator
                .fromDict(Map.of("type", TYPE, "init_parameters", Map.of("chat_generators", List.of()))));
        assertTrue(empty.getMessage().contains("'chat_generators' must be a non-empty list"), empty.getMessage());
        assertEquals("init_parameters.chat_generators", empty.path().orElse(null));

        DeserializationException notChat = assertThrows(DeserializationException.class, () -> FallbackChatGenerator
                .fromDict(Map.of("type", TYPE, "init_parameters", Map.of("chat_generators",
                        List.of(new PromptBuilder("{{ x }}").toDict())))));
        assertTrue(notChat.getMessage().contains("is not a chat generator"), notChat.getMessage());
        assertTrue(notChat.path().orElse("").contains("chat_generators[0]"), notChat.path().orElse(null));

        DeserializationException unknown = assertThrows(DeserializationException.class, () -> FallbackChatGenerator
                .fromDict(Map.of("type", TYPE, "init_parameters", Map.of("chat_generators",
                        List.of(openai("a").toDict()), "retries", 3))));
        assertTrue(unknown.getMessage().contains("retries"), unknown.getMessage());

        DeserializationException badAction = assertThrows(DeserializationException.class, () -> FallbackChatGenerator
                .fromDict(Map.of("type", TYPE, "init_parameters", Map.of("chat_generators",
                        List.of(openai("a").toDict()), "failover_policy", Map.of("rate_limit", "retry")))));
        assertTrue(badAction.getMessage().contains("unknown action 'retry'"), badAction.getMessage());

        DeserializationException badBreaker = assertThrows(DeserializationException.class, () -> FallbackChatGenerator
                .fromDict(Map.of("type", TYPE, "init_parameters", Map.of("chat_generators",
                        List.of(openai("a").toDict()), "circuit_breaker", Map.of("failure_threshold", 0,
                                "cooldown", 5)))));
        assertTrue(badBreaker.getMessage().contains("failure_threshold must be at least 1"), badBreaker.getMessage());
    }

    @Test
    void customPoliciesSerialiseOnlyByRegisteredName() {
        FailoverPolicy custom = f -> FailoverPolicy.Action.FAILOVER;
        FallbackChatGenerator unnamed = FallbackChatGenerator.builder().chatGenerator(openai("a"))
                .failoverPolicy(custom).build();
        SerializationException e = assertThrows(SerializationException.class, unnamed::toDict);
        assertTrue(e.getMessage().contains("failover_policy"), e.getMessage());

        FallbackChatGenerator named = FallbackChatGenerator.builder().chatGenerator(openai("a"))
                .failoverPolicy(FailoverPolicy.named("myapp.always", custom)).build();
        Map<String, Object> dict = named.toDict();
        assertEquals("myapp.always", ((Map<?, ?>) dict.get("init_parameters")).get("failover_policy"));
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder().function("myapp.always", custom).build();
        FallbackChatGenerator back = registry.fromDict(dict, FallbackChatGenerator.class);
        assertSame(custom, ((FailoverPolicy.Named) back.failoverPolicy()).delegate());
        assertThrows(DeserializationException.class, () -> FallbackChatGenerator.fromDict(dict),
                "not registered in the default registry");
    }

    @Test
    void aGeneratorThatCannotSerialiseIsNamed() {
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(openai("a"),
                OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "secret-value-123")).build())).build();
        SerializationException e = assertThrows(SerializationException.class, llm::toDict);
        assertTrue(e.getMessage().startsWith("chat_generators[1] (OpenAIChatGenerator)"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-" + "secret-value-123"));
        assertFalse(llm.toString().contains("sk-secret"), llm.toString());
        assertEquals("FallbackChatGenerator[OpenAIChatGenerator, OpenAIChatGenerator]", llm.toString());
    }

    @Test
    void theBuilderValidatesAndNamesTheField() {
        assertEquals("'chat_generators' must be a non-empty list", assertThrows(IllegalArgumentException.class,
                () -> FallbackChatGenerator.builder().build()).getMessage());
        List<ChatGenerator> withNull = new java.util.ArrayList<>();
        withNull.add(openai("a"));
        withNull.add(null);
        assertEquals("chat_generators[1] is null", assertThrows(IllegalArgumentException.class,
                () -> FallbackChatGenerator.builder().chatGenerators(withNull)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FallbackChatGenerator.builder()
                .timeToFirstTokenTimeout(Duration.ZERO)).getMessage().startsWith("time_to_first_token_timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FallbackChatGenerator.builder()
                .totalTimeout(Duration.ofSeconds(-1))).getMessage().startsWith("total_timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.of(2, Duration.ZERO))
                .getMessage().startsWith("circuit_breaker.cooldown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamingPolicy.holdUntil(0, null))
                .getMessage().startsWith("streaming.commit_chars"));
        FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerator(openai("a")).build();
        assertEquals("messages must not be null", assertThrows(IllegalArgumentException.class,
                () -> llm.run(null)).getMessage());
        List<dev.hayloft.core.dataclasses.ChatMessage> holes = new java.util.ArrayList<>();
        holes.add(null);
        assertEquals("messages[0] is null", assertThrows(IllegalArgumentException.class,
                () -> llm.run(holes)).getMessage());
    }

    @Test
    void socketsAreHaystacks() {
        ComponentSockets s = ComponentSockets.of(FallbackChatGenerator.builder().chatGenerator(openai("a")).build());
        assertEquals(List.of("messages", "generation_kwargs", "tools", "streaming_callback"),
                s.inputs().stream().map(i -> i.name()).toList());
        assertTrue(s.input("messages").mandatory());
        assertEquals(List.of("replies", "meta"), s.outputs().stream().map(o -> o.name()).toList());
    }
}
