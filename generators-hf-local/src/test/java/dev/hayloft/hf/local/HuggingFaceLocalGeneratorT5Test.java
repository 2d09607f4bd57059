package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code text2text-generation} through the component with the tiny random flan-T5 fixture: the
 * task detected from config.json, greedy replies equal to the reference (decoder output only,
 * ending at eos or at the budget), streaming, {@code max_length}, Haystack's dict shape, and a
 * clear error when the task does not suit the model.
 */
class HuggingFaceLocalGeneratorT5Test {
    static HuggingFaceLocalGenerator flan;

    @BeforeAll
    static void load() {
        flan = HuggingFaceLocalGenerator.builder().model(Fixtures.resourceModel(Fixtures.FLAN_T5).toString())
                .generationKwargs(Map.of("max_new_tokens", 20)).build();
        flan.warmUp();
    }

    @AfterAll
    static void close() {
        if (flan != null) {
            flan.close();
        }
    }

    private static JsonNode reference(String model, String name) {
        for (JsonNode c : Fixtures.resourceJson(model, "reference.json").get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void greedyRepliesAreTheDecoderOutputOfTheReference() {
        for (String name : List.of("translate", "question", "summarize")) {
            JsonNode c = reference(Fixtures.FLAN_T5, name);
            assertEquals(c.get("greedy").get("text").asText(), flan.run(c.get("prompt").asText()).replies().get(0),
                    name);
        }
    }

    @Test
    void streamingChunksAddUpToTheReplyAndEndWithTheFinishReason() {
        for (String name : List.of("question", "translate")) {
            JsonNode c = reference(Fixtures.FLAN_T5, name);
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            String reply = flan.run(c.get("prompt").asText(), chunks::add, null).replies().get(0);
            StringBuilder streamed = new StringBuilder();
            chunks.forEach(ch -> streamed.append(ch.content()));
            assertEquals(reply, streamed.toString());
            assertTrue(chunks.size() > 2, "streamed in pieces");
            StreamingChunk last = chunks.get(chunks.size() - 1);
            boolean eos = c.get("greedy").get("stopped_at_eos").asBoolean();
            assertEquals(eos ? FinishReason.STOP : FinishReason.LENGTH, last.finishReason());
            Map<?, ?> usage = (Map<?, ?>) last.meta().get("usage");
            assertEquals(c.get("num_input_tokens").asInt(), usage.get("prompt_tokens"));
            assertEquals(c.get("greedy").get("new_ids").size(), usage.get("completion_tokens"));
        }
    }

    @Test
    void maxLengthCountsTheDecoderStartTokenAndFullTextIsNeverPrepended() {
        JsonNode c = reference(Fixtures.FLAN_T5, "translate");
        String prompt = c.get("prompt").asText();
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put("max_new_tokens", null); // Haystack's default 512 would win over max_length
        kwargs.put("max_length", 5);
        flan.run(prompt, chunks::add, kwargs);
        Map<?, ?> usage = (Map<?, ?>) chunks.get(chunks.size() - 1).meta().get("usage");
        assertEquals(4, usage.get("completion_tokens"), "max_length 5 = start token + 4 new tokens");
        String reply = flan.run(prompt, null, Map.of("return_full_text", true)).replies().get(0);
        assertEquals(c.get("greedy").get("text").asText(), reply);
    }

    @Test
    void toDictHasHaystacksText2TextShapeOnceTheTaskIsKnown() {
        Map<?, ?> init = (Map<?, ?>) flan.toDict().get("init_parameters");
        assertEquals(JsonValues.map("model", Fixtures.resourceModel(Fixtures.FLAN_T5).toString(), "device", "cpu",
                "task", "text2text-generation"), init.get("huggingface_pipeline_kwargs"));
        assertEquals(Map.of("max_new_tokens", 20), init.get("generation_kwargs"), "no return_full_text for text2text");
        try (HuggingFaceLocalGenerator d = HuggingFaceLocalGenerator.builder().build()) {
            // Haystack 2.19's HuggingFaceLocalGenerator().to_dict() (its task comes from the Hub's API)
            Map<String, Object> haystack = JsonValues.map(
                    "huggingface_pipeline_kwargs", JsonValues.map("model", "google/flan-t5-base",
                            "device", LocalRuntime.defaultDevice(), "task", "text2text-generation"),
                    "generation_kwargs", JsonValues.map("max_new_tokens", 512),
                    "streaming_callback", null,
                    "stop_words", null,
                    "token", JsonValues.map("type", "env_var", "env_vars", List.of("HF_API_TOKEN", "HF_TOKEN"),
                            "strict", false));
            assertEquals(haystack, d.toDict().get("init_parameters"));
        }
        try (HuggingFaceLocalGenerator other = HuggingFaceLocalGenerator.builder().model("org/other").build()) {
            Map<?, ?> pk = (Map<?, ?>) ((Map<?, ?>) other.toDict().get("init_parameters"))
                    .get("huggingface_pipeline_kwargs");
            assertEquals(null, pk.get("task"), "other models: detected at warm-up");
        }
    }

    @Test
    void aTaskThatDoesNotSuitTheModelFailsNamingTask() {
        try (HuggingFaceLocalGenerator g = HuggingFaceLocalGenerator.builder()
                .model(Fixtures.resourceModel(Fixtures.T5).toString()).task("text-generation").build()) {
            ModelLoadException e = assertThrows(ModelLoadException.class, g::warmUp);
            assertTrue(e.getMessage().contains("task 'text-generation'")
                    && e.getMessage().contains("'text2text-generation'"), e.getMessage());
        }
        try (HuggingFaceLocalGenerator g = HuggingFaceLocalGenerator.builder()
                .model(StoriesModel.folder().toString()).task("text2text-generation").build()) {
            ModelLoadException e = assertThrows(ModelLoadException.class, g::warmUp);
            assertTrue(e.getMessage().contains("task 'text2text-generation'")
                    && e.getMessage().contains("decoder-only"), e.getMessage());
        }
    }

    @Test
    void closeDuringADecoderStepEndsTheRequestCleanly() throws Exception {
        HuggingFaceLocalGenerator g = HuggingFaceLocalGenerator.builder()
                .model(Fixtures.resourceModel(Fixtures.T5).toString())
                .generationKwargs(Map.of("max_new_tokens", 500)).build();
        g.warmUp();
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                g.run(reference(Fixtures.T5, "summarize").get("prompt").asText(), c -> {
                    streaming.countDown();
                    try {
                        Thread.sleep(10); // keeps the request running while close() is called
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, null);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        assertTrue(streaming.await(60, TimeUnit.SECONDS));
        g.close();
        caller.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(failure.get() instanceof CancellationException, String.valueOf(failure.get()));
    }

    @Test
    void theChatGeneratorRunsAT5ModelWithATemplateOverride() {
        JsonNode c = reference(Fixtures.FLAN_T5, "question");
        try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
                .model(Fixtures.resourceModel(Fixtures.FLAN_T5).toString())
                .chatTemplate("{% for m in messages %}{{ m['content'] }}{% endfor %}")
                .generationKwargs(Map.of("max_new_tokens", 20)).build()) {
            // the rendered template is encoded without special tokens; </s> is appended for the encoder
            ChatMessage reply = chat.run(List.of(ChatMessage.fromUser(c.get("prompt").asText()))).replies().get(0);
            assertEquals(c.get("greedy").get("text").asText(), reply.text());
            assertEquals("stop", reply.meta().get("finish_reason"));
        }
    }

    @Test
    void tiedT5RunsThroughTheComponentWithAnExplicitTask() {
        JsonNode c = reference(Fixtures.T5, "summarize");
        try (HuggingFaceLocalGenerator g = HuggingFaceLocalGenerator.builder()
                .model(Fixtures.resourceModel(Fixtures.T5).toString()).task("text2text-generation")
                .generationKwargs(Map.of("max_new_tokens", 20, "do_sample", false)).build()) {
            assertEquals(c.get("greedy").get("text").asText(), g.run(c.get("prompt").asText()).replies().get(0));
        }
    }
}
