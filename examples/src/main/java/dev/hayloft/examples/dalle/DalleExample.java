package dev.hayloft.examples.dalle;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.dalle.DALLEImageGenerator;
import java.util.List;
import java.util.Map;

/**
 * Generates an image with DALL-E from a templated prompt. Calls OpenAI when
 * {@code OPENAI_API_KEY} is set; otherwise explains what it would do and exits.
 *
 * <pre>
 * OPENAI_API_KEY=sk-... ./mvnw -q -pl examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.examples.dalle.DalleExample
 * </pre>
 */
public final class DalleExample {
    private DalleExample() {
    }

    public static void main(String[] args) {
        Pipeline pipeline = new Pipeline();
        pipeline.addComponent("prompt", PromptBuilder.builder("A {{ style }} painting of a hayloft at dawn")
                .requiredVariables(List.of("style")).build());
        try (DALLEImageGenerator dalle = DALLEImageGenerator.builder().size("1024x1024").quality("standard").build()) {
            pipeline.addComponent("dalle", dalle);
            pipeline.connect("prompt.prompt", "dalle.prompt");
            if (System.getenv("OPENAI_API_KEY") == null) {
                System.out.println("OPENAI_API_KEY is not set, so nothing is sent. With a key, this pipeline renders "
                        + "the prompt and asks DALL-E 3 for one 1024x1024 image; it prints the image URL and the "
                        + "prompt OpenAI actually used. The pipeline:\n" + pipeline);
                return;
            }
            Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt", Map.of("style", "watercolour")));
            System.out.println("image: " + out.get("dalle").get("images"));
            System.out.println("revised prompt: " + out.get("dalle").get("revised_prompt"));
        }
    }
}
