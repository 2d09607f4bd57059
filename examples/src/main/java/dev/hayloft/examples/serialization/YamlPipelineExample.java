package dev.hayloft.examples.serialization;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.examples.local.EmbeddedModel;
import dev.hayloft.examples.support.ClosingPipeline;
import dev.hayloft.serialization.DeserializationCallbacks;
import dev.hayloft.serialization.PipelineSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline loaded from YAML and run: {@code pipelines/local_story_chat.yaml} (in the examples'
 * resources, or a file given as the first argument) is a ChatPromptBuilder feeding a
 * HuggingFaceLocalChatGenerator, written with Haystack 2.19's type names
 * ({@code haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator}),
 * which load as aliases of Hayloft's components. A {@link DeserializationCallbacks} hook edits
 * init parameters before each component is built (Haystack's {@code component_pre_init}): here
 * it points the placeholder model {@code stories260K} at the embedded model's folder. No API key.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.serialization.YamlPipelineExample
 * </pre>
 */
public final class YamlPipelineExample {
    private static final String RESOURCE = "/pipelines/local_story_chat.yaml";

    private YamlPipelineExample() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedModel model = EmbeddedModel.extract();
             Reader yaml = args.length > 0 ? Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)
                     : resource(RESOURCE)) {
            PipelineSerializer serializer = PipelineSerializer.builder()
                    .callbacks(embeddedModel(model.folder().toString()))
                    .build();
            try (ClosingPipeline closing = ClosingPipeline.of(serializer.load(yaml))) {
                Pipeline pipeline = closing.pipeline();
                for (String name : pipeline.componentNames()) {
                    System.out.println("loaded " + name + ": " + pipeline.getComponent(name).getClass().getName());
                }
                Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt_builder", Map.of("hero",
                        "a little bird")));
                @SuppressWarnings("unchecked")
                ChatMessage reply = ((List<ChatMessage>) out.get("llm").get("replies")).get(0);
                System.out.println("reply: " + reply.text().strip());
                System.out.println("finish_reason=" + reply.meta().get("finish_reason") + " usage="
                        + reply.meta().get("usage"));
            }
        }
    }

    /** Points {@code huggingface_pipeline_kwargs.model: stories260K} at {@code folder}; other models stay as they are. */
    @SuppressWarnings("unchecked")
    private static DeserializationCallbacks embeddedModel(String folder) {
        return (name, type, init) -> {
            if (init.get("huggingface_pipeline_kwargs") instanceof Map) {
                Map<String, Object> kwargs = new LinkedHashMap<>((Map<String, Object>) init.get(
                        "huggingface_pipeline_kwargs"));
                if (EmbeddedModel.NAME.equals(kwargs.get("model"))) {
                    kwargs.put("model", folder);
                    init.put("huggingface_pipeline_kwargs", kwargs);
                    System.out.println("[" + name + " (" + type.name() + "): model " + EmbeddedModel.NAME
                            + " is the embedded copy]");
                }
            }
        };
    }

    private static Reader resource(String name) {
        InputStream in = YamlPipelineExample.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no resource " + name + " (is the examples' jar complete?)"));
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
