package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.device.ComponentDevice;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.core.serde.JsonValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceLocalGeneratorTest {
    static HuggingFaceLocalGenerator greedy;

    @BeforeAll
    static void load() {
        greedy = HuggingFaceLocalGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 60, "do_sample", false)).build();
        greedy.warmUp();
    }

    @AfterAll
    static void close() {
        if (greedy != null) {
            greedy.close();
        }
    }

    @Test
    void greedyGenerationReproducesTheReferenceContinuation() {
        Map<String, Object> ref = StoriesModel.greedy();
        String reply = greedy.run((String) ref.get("prompt")).replies().get(0);
        assertEquals(ref.get("text"), ref.get("prompt") + reply);
    }

    @Test
    void streamingDeliversTheSameTextInChunks() {
        Map<String, Object> ref = StoriesModel.greedy();
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        String reply = greedy.run((String) ref.get("prompt"), chunks::add, null).replies().get(0);
        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> streamed.append(c.content()));
        assertEquals(reply, streamed.toString());
        assertTrue(chunks.get(0).start());
        assertEquals(1, chunks.stream().filter(StreamingChunk::start).count());
        StreamingChunk last = chunks.get(chunks.size() - 1);
        assertEquals(FinishReason.LENGTH, last.finishReason());
        assertEquals(60, ((Map<?, ?>) last.meta().get("usage")).get("completion_tokens"));
        assertEquals(HuggingFaceLocalGenerator.class.getName(), last.componentInfo().type());
    }

    @Test
    void stopWordsAreCutFromTheReply() {
        String reply = greedy.run("Once upon a time", null, Map.of("stop_sequences", List.of("Lily"))).replies()
                .get(0);
        assertEquals(", there was a little girl named", reply);
    }

    @Test
    void runTimeKwargsMergeOverBuildTimeOnes() {
        String reply = greedy.run("Once upon a time", null, Map.of("max_new_tokens", 3)).replies().get(0);
        assertEquals(", there was", reply);
        List<String> full = greedy.run("Once upon a time", null, Map.of("max_new_tokens", 3, "return_full_text", true))
                .replies();
        assertEquals(List.of("Once upon a time, there was"), full);
    }

    @Test
    void samplingWithASeedIsReproducible() {
        Map<String, Object> kw = Map.of("do_sample", true, "temperature", 1.0, "top_p", 0.9, "seed", 7,
                "max_new_tokens", 20, "num_return_sequences", 2);
        List<String> a = greedy.run("Lily", null, kw).replies();
        assertEquals(a, greedy.run("Lily", null, kw).replies());
        assertEquals(2, a.size());
    }

    @Test
    void runAsyncRunsOnTheExecutorAndCanBeCancelled() throws Exception {
        assertEquals(", there was", greedy.runAsync("Once upon a time", null, Map.of("max_new_tokens", 3))
                .get(60, TimeUnit.SECONDS).replies().get(0));
        List<StreamingChunk> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<HuggingFaceLocalGenerator.Result> f = greedy.runAsync("Once upon a time", chunk -> {
            seen.add(chunk);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Map.of("max_new_tokens", 400));
        while (seen.size() < 3) {
            Thread.sleep(5);
        }
        f.cancel(true);
        assertThrows(CancellationException.class, f::join);
        Thread.sleep(200);
        int after = seen.size();
        Thread.sleep(200);
        assertEquals(after, seen.size(), "generation went on after cancellation");
        assertTrue(after < 100, "cancellation came too late: " + after + " chunks");
    }

    @Test
    void badInputIsReportedClearly(@TempDir Path empty) {
        assertEquals(List.of(), greedy.run("").replies(), "an empty prompt has no replies, as in Haystack");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> greedy.run(null));
        assertTrue(none.getMessage().contains("prompt"), none.getMessage());
        ContextLengthExceededException tooLong = assertThrows(ContextLengthExceededException.class,
                () -> greedy.run("Once upon a time ".repeat(200)));
        assertTrue(tooLong.getMessage().contains("context") && tooLong.getMessage().contains("generation_kwargs "
                + "truncation=true"), tooLong.getMessage());
        assertEquals(1, greedy.run("Once upon a time ".repeat(200), null,
                Map.of("truncation", true, "max_new_tokens", 2)).replies().size());
        IllegalArgumentException kw = assertThrows(IllegalArgumentException.class, () -> HuggingFaceLocalGenerator
                .builder().model("x").generationKwargs(Map.of("max_new_tokenz", 5)).build());
        assertTrue(kw.getMessage().contains("unsupported key 'max_new_tokenz'"), kw.getMessage());
        try (HuggingFaceLocalGenerator missing = HuggingFaceLocalGenerator.builder().model(empty.resolve("nope")
                .toString()).build()) {
            ModelLoadException e = assertThrows(ModelLoadException.class, missing::warmUp);
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
        try (HuggingFaceLocalGenerator notAModel = HuggingFaceLocalGenerator.builder().model(empty.toString())
                .build()) {
            assertThrows(ModelLoadException.class, notAModel::warmUp);
        }
        assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceLocalGenerator.builder().task("summarization").build());
    }

    @Test
    void toDictHasHaystacksShapeAndRoundTrips() {
        HuggingFaceLocalGenerator g = HuggingFaceLocalGenerator.builder().model("some/model")
                .device(ComponentDevice.fromString("cuda:1")).token(Secret.fromEnvVar(List.of("ENV_VAR"), false))
                .generationKwargs(Map.of("temperature", 0.5)).stopWords(List.of("stop", "words"))
                .streamingCallback(StreamingCallback.printStreamingChunk()).build();
        Map<String, Object> expected = JsonValues.map("type", HuggingFaceLocalGenerator.class.getName(),
                "init_parameters", JsonValues.map(
                        // task: not given, so detected from config.json at warm-up
                        "huggingface_pipeline_kwargs", JsonValues.map("model", "some/model", "device", "cuda:1"),
                        "generation_kwargs", JsonValues.map("temperature", 0.5, "return_full_text", false,
                                "max_new_tokens", 512),
                        "streaming_callback", "print_streaming_chunk",
                        "token", JsonValues.map("type", "env_var", "env_vars", List.of("ENV_VAR"), "strict", false),
                        "stop_words", List.of("stop", "words")));
        assertEquals(expected, g.toDict());
        assertEquals(expected, HuggingFaceLocalGenerator.fromDict(expected).toDict());
        assertNull(((Map<?, ?>) HuggingFaceLocalGenerator.builder().model("m").build().toDict()
                .get("init_parameters")).get("stop_words"));
    }

    @Test
    void readsHaystacksDict() {
        Map<String, Object> haystack = JsonValues.map(
                "type", "haystack.components.generators.hugging_face_local.HuggingFaceLocalGenerator",
                "init_parameters", JsonValues.map(
                        "huggingface_pipeline_kwargs", JsonValues.map("model", StoriesModel.folder().toString(),
                                "task", "text-generation", "device", "cpu"),
                        "generation_kwargs", JsonValues.map("max_new_tokens", 3, "return_full_text", false),
                        "streaming_callback", null,
                        "stop_words", null,
                        "token", JsonValues.map("env_vars", List.of("HF_API_TOKEN", "HF_TOKEN"), "strict", false,
                                "type", "env_var")));
        try (HuggingFaceLocalGenerator g = (HuggingFaceLocalGenerator) ComponentRegistry.defaults()
                .fromDict(haystack)) {
            g.warmUp();
            assertEquals(List.of(", there was"), g.run("Once upon a time").replies());
        }
        assertInstanceOf(HuggingFaceLocalGenerator.class, ComponentRegistry.defaults().fromDict(Map.of("type",
                "haystack.components.generators.HuggingFaceLocalGenerator")));
        assertFalse(greedy.pipelineName().isPresent());
    }
}
