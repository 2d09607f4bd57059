package dev.hayloft.examples.local;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.errors.ModelDownloadException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.hf.local.HuggingFaceLocalGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Quick start's main job: a pipeline (PromptBuilder → HuggingFaceLocalGenerator) that
 * generates text in-process with a local Hugging Face model. No API key.
 *
 * <p>The model is {@code --model <folder or org/name>}, else the {@code HAYLOFT_MODEL}
 * environment variable, else the embedded stories260K (1 MB, MIT), so it runs on any machine
 * with nothing downloaded. A Hub id such as {@code HuggingFaceTB/SmolLM2-360M-Instruct} or
 * {@code Qwen/Qwen2.5-0.5B-Instruct} is downloaded once into the Hugging Face cache
 * ({@code $HF_HOME/hub}, shared with Python). Other flags: {@code --prompt <text>},
 * {@code --max-new-tokens <n>}.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.args="--model HuggingFaceTB/SmolLM2-360M-Instruct --prompt 'Hay is'"
 * </pre>
 */
public final class LocalGenerationExample {
    private LocalGenerationExample() {
    }

    public static void main(String[] args) {
        System.exit(start(args));
    }

    /** Runs the Quick start with {@code args} and returns the exit status (0: generated, 1: no model). */
    public static int start(String[] args) {
        Map<String, String> flags = flags(args);
        String given = flags.containsKey("model") ? flags.get("model") : System.getenv("HAYLOFT_MODEL");
        String topic = flags.getOrDefault("prompt", "Once upon a time");
        int maxNewTokens = Integer.parseInt(flags.getOrDefault("max-new-tokens", "60"));
        if (given != null && !given.isBlank()) {
            return run(given, given, topic, maxNewTokens);
        }
        try (EmbeddedModel embedded = EmbeddedModel.extract()) {
            return run(embedded.folder().toString(), EmbeddedModel.NAME + " (embedded; pass --model "
                    + "HuggingFaceTB/SmolLM2-360M-Instruct for a real model)", topic, maxNewTokens);
        }
    }

    private static int run(String model, String label, String topic, int maxNewTokens) {
        Pipeline pipeline = new Pipeline();
        pipeline.addComponent("prompt", PromptBuilder.builder("{{ beginning }}")
                .requiredVariables(List.of("beginning")).build());
        try (HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder()
                .model(model)
                .generationKwargs(Map.of("max_new_tokens", maxNewTokens, "do_sample", false))
                .streamingCallback(chunk -> System.out.print(chunk.content()))
                .build()) {
            pipeline.addComponent("llm", llm);
            pipeline.connect("prompt.prompt", "llm.prompt");

            System.out.println("Model: " + label);
            long t0 = System.nanoTime();
            try {
                llm.warmUp();   // a Hub id downloads here (progress bar on stderr), once
            } catch (ModelDownloadException e) {
                System.err.println("Cannot get the model: " + e.getMessage());
                return 1;
            }
            System.out.print(topic);
            Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt", Map.of("beginning", topic)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println();
            System.out.println("---");
            System.out.println("replies: " + out.get("llm").get("replies"));
            System.out.println("(generated in " + ms + " ms, model load included)");
            return 0;
        }
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --flag value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
