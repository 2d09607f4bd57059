package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.serialization.DeserializationCallbacks;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A Haystack-written pipeline (PromptBuilder -> HuggingFaceLocalGenerator with every default:
 * google/flan-t5-base, text2text-generation, max_new_tokens 512, as Haystack 2.19's
 * {@code Pipeline.dumps} writes it) loads with a {@link DeserializationCallbacks} that swaps the
 * Hub id for the tiny flan-T5 fixture, runs, streams, and dumps back.
 */
class T5PipelineYamlTest {
    static final String YAML = """
            components:
              llm:
                init_parameters:
                  generation_kwargs:
                    max_new_tokens: 512
                  huggingface_pipeline_kwargs:
                    device: cpu
                    model: google/flan-t5-base
                    task: text2text-generation
                  stop_words: null
                  streaming_callback: null
                  token:
                    env_vars:
                    - HF_API_TOKEN
                    - HF_TOKEN
                    strict: false
                    type: env_var
                type: haystack.components.generators.hugging_face_local.HuggingFaceLocalGenerator
              prompt_builder:
                init_parameters:
                  required_variables: null
                  template: 'question: {{ question }} context: {{ context }}'
                  variables: null
                type: haystack.components.builders.prompt_builder.PromptBuilder
            connection_type_validation: true
            connections:
            - receiver: llm.prompt
              sender: prompt_builder.prompt
            max_runs_per_component: 100
            metadata: {}
            """;

    @Test
    void haystacksDefaultGeneratorLoadsWithTheFixtureSubstitutedAndRuns() {
        String folder = Fixtures.resourceModel(Fixtures.FLAN_T5).toString();
        DeserializationCallbacks swapModel = (name, type, init) -> {
            if (init.get("huggingface_pipeline_kwargs") instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pk = (Map<String, Object>) init.get("huggingface_pipeline_kwargs");
                if ("google/flan-t5-base".equals(pk.get("model"))) {
                    pk.put("model", folder);
                }
            }
        };
        Pipeline p = PipelineSerializer.builder().callbacks(swapModel).build().loads(YAML);
        Component llm = p.getComponent("llm");
        assertInstanceOf(HuggingFaceLocalGenerator.class, llm);
        try {
            JsonNode ref = Fixtures.resourceJson(Fixtures.FLAN_T5, "reference.json").get("cases").get(1);
            assertEquals("question: What is the capital of France? context: Paris is the capital and the largest city "
                    + "of France.", ref.get("prompt").asText());
            Map<String, Object> question = Map.of("question", "What is the capital of France?",
                    "context", "Paris is the capital and the largest city of France.");
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", question));
            @SuppressWarnings("unchecked")
            List<String> replies = (List<String>) out.get("llm").get("replies");
            String expected = ref.get("greedy").get("text").asText(); // ends at eos, well before 512 tokens
            assertEquals(List.of(expected), replies);

            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            out = p.run(Map.of("prompt_builder", question,
                    "llm", Map.of("streaming_callback", (dev.hayloft.core.dataclasses.StreamingCallback) chunks::add)));
            StringBuilder streamed = new StringBuilder();
            chunks.forEach(c -> streamed.append(c.content()));
            assertEquals(expected, streamed.toString());
            assertEquals(List.of(expected), out.get("llm").get("replies"));

            assertEquals(YAML.replace("google/flan-t5-base", folder),
                    PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p));
        } finally {
            ((HuggingFaceLocalGenerator) llm).close();
        }
    }
}
