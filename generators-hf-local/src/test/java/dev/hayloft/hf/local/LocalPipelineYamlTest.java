package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Haystack-written YAML: ChatPromptBuilder -> HuggingFaceLocalChatGenerator with a device and kwargs. */
class LocalPipelineYamlTest {
    static String haystackYaml(String model) {
        return """
                components:
                  llm:
                    init_parameters:
                      chat_template: null
                      generation_kwargs:
                        do_sample: false
                        max_new_tokens: 8
                        return_full_text: false
                        stop_sequences: []
                      huggingface_pipeline_kwargs:
                        device: cpu
                        model: %s
                        task: text-generation
                      streaming_callback: null
                      token:
                        env_vars:
                        - HF_API_TOKEN
                        - HF_TOKEN
                        strict: false
                        type: env_var
                      tool_parsing_function: haystack.components.generators.chat.hugging_face_local.default_tool_parser
                      tools: null
                    type: haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator
                  prompt_builder:
                    init_parameters:
                      required_variables: '*'
                      template:
                      - content:
                        - text: Once upon a {{ noun }}
                        meta: {}
                        name: null
                        role: user
                      variables: null
                    type: haystack.components.builders.chat_prompt_builder.ChatPromptBuilder
                connection_type_validation: true
                connections:
                - receiver: llm.messages
                  sender: prompt_builder.prompt
                max_runs_per_component: 100
                metadata: {}
                """.formatted(model);
    }

    @Test
    void loadsRunsAndDumpsBackAHaystackYaml() {
        String yaml = haystackYaml(StoriesModel.folder().toString());
        PipelineSerializer serializer = PipelineSerializer.builder().build();
        Pipeline p = serializer.loads(yaml);
        Component llm = p.getComponent("llm");
        assertInstanceOf(HuggingFaceLocalChatGenerator.class, llm);
        try {
            Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("noun", "time")));
            @SuppressWarnings("unchecked")
            ChatMessage reply = ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
            assertEquals(", there was a little girl", reply.text());
            assertEquals(yaml, PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p));
            assertEquals(serializer.dumps(p), serializer.dumps(serializer.loads(serializer.dumps(p))));
        } finally {
            ((HuggingFaceLocalChatGenerator) llm).close();
        }
    }
}
