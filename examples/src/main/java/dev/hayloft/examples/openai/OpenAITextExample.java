package dev.hayloft.examples.openai;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.openai.OpenAIGenerator;
import java.util.List;
import java.util.Map;

/**
 * {@link OpenAIGenerator} in a pipeline: a {@link PromptBuilder} renders the prompt, the
 * generator streams its answer to the console and returns {@code replies} and {@code meta}.
 * Calls the real API when {@code OPENAI_API_KEY} is set; otherwise prints the pipeline and
 * exits normally.
 *
 * <pre>{@code
 * ./mvnw -q -pl generators-openai,examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.examples.openai.OpenAITextExample
 * }</pre>
 */
public final class OpenAITextExample {
    private OpenAITextExample() {
    }

    public static void main(String[] args) {
        Pipeline pipeline = new Pipeline();
        pipeline.addComponent("prompt", PromptBuilder.builder("Explain {{ topic }} in two sentences.")
                .requiredVariables(List.of("topic")).build());
        OpenAIGenerator llm = OpenAIGenerator.builder()
                .systemPrompt("You are a patient teacher.")
                .streamingCallback(StreamingCallback.printStreamingChunk())
                .generationKwargs(Map.of("max_completion_tokens", 120))
                .build();
        pipeline.addComponent("llm", llm);
        pipeline.connect("prompt.prompt", "llm.prompt");

        if (System.getenv("OPENAI_API_KEY") == null) {
            System.out.println("OPENAI_API_KEY is not set, so nothing is sent. With a key, this pipeline would run:");
            System.out.println(pipeline.toDict());
            return;
        }
        try {
            Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt", Map.of("topic", "crop rotation")));
            System.out.println("meta: " + out.get("llm").get("meta"));
        } catch (GenerationException e) {
            System.err.println("OpenAI failed (retryable=" + e.isRetryable() + "): " + e.getMessage());
        } finally {
            llm.close();
        }
    }
}
