package dev.hayloft.core.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.tools.ToolSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KwargsDialectTest {
    /** Stands in for a generator class registered under a Haystack type name. */
    static class Typed implements ChatGenerator {
        final List<Typed> nested;

        Typed(List<Typed> nested) {
            this.nested = nested;
        }

        @Override
        public ChatGeneratorResult run(List<ChatMessage> m, Map<String, Object> kw, List<? extends ToolSource> t,
                StreamingCallback cb) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> m, Map<String, Object> kw,
                List<? extends ToolSource> t, StreamingCallback cb) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> toDict() {
            Map<String, Object> init = new LinkedHashMap<>();
            if (nested != null) {
                List<Object> dicts = new ArrayList<>();
                nested.forEach(n -> dicts.add(n.toDict()));
                init.put("chat_generators", dicts);
            }
            return Components.dict(this, init);
        }
    }

    static final class Open extends Typed {
        Open() {
            super(null);
        }
    }

    static final class Local extends Typed {
        Local() {
            super(null);
        }
    }

    /** A fallback generator; without a list of generators its toDict fails (like one holding a token secret). */
    static final class Fallback extends Typed {
        Fallback(List<Typed> nested) {
            super(nested);
        }

        @Override
        public Map<String, Object> toDict() {
            if (nested == null) {
                throw new IllegalStateException("holds a token secret");
            }
            return super.toDict();
        }
    }

    static final ComponentRegistry REGISTRY = ComponentRegistry.builder()
            .register(ComponentType.of(Open.class, (i, c) -> new Open(),
                    "haystack.components.generators.chat.openai.OpenAIChatGenerator"))
            .register(ComponentType.of(Local.class, (i, c) -> new Local(),
                    "haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator"))
            .register(ComponentType.of(Fallback.class, (i, c) -> new Fallback(List.of()),
                    "haystack.components.generators.chat.fallback.FallbackChatGenerator"))
            .build();

    @Test
    void theDialectFollowsTheRegisteredHaystackType() {
        assertEquals(KwargsDialect.OPENAI, KwargsDialect.detect(new Open(), REGISTRY));
        assertEquals(KwargsDialect.HUGGING_FACE_LOCAL, KwargsDialect.detect(new Local(), REGISTRY));
        assertEquals(KwargsDialect.PASS_THROUGH, KwargsDialect.detect(new Typed(null), REGISTRY));
        // a fallback whose generators agree takes their dialect; mixed ones, or one that cannot say, pass through
        assertEquals(KwargsDialect.OPENAI, KwargsDialect.detect(new Fallback(List.of(new Open(), new Open())),
                REGISTRY));
        assertEquals(KwargsDialect.PASS_THROUGH, KwargsDialect.detect(new Fallback(List.of(new Open(), new Local())),
                REGISTRY));
        assertEquals(KwargsDialect.PASS_THROUGH, KwargsDialect.detect(new Fallback(List.of()), REGISTRY));
        assertEquals(KwargsDialect.PASS_THROUGH, KwargsDialect.detect(new Fallback(null), REGISTRY));
    }

    @Test
    void valuesRoundTripAndMultipleAnswersNeedSamplingLocally() {
        for (KwargsDialect d : KwargsDialect.values()) {
            assertEquals(d, KwargsDialect.fromValue(d.value()));
        }
        assertThrows(IllegalArgumentException.class, () -> KwargsDialect.fromValue("vllm"));
        assertEquals(true, KwargsDialect.OPENAI.multipleAnswersPerCall(0));
        assertEquals(false, KwargsDialect.HUGGING_FACE_API.multipleAnswersPerCall(1));
        assertEquals(false, KwargsDialect.HUGGING_FACE_LOCAL.multipleAnswersPerCall(0));
        assertEquals(true, KwargsDialect.HUGGING_FACE_LOCAL.multipleAnswersPerCall(0.7));
        assertEquals(false, KwargsDialect.PASS_THROUGH.multipleAnswersPerCall(1));
    }
}
