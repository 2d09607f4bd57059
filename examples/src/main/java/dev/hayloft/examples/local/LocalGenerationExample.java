package dev.hayloft.examples.local;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.hf.local.HuggingFaceLocalGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Quick start's main job: a pipeline (PromptBuilder → HuggingFaceLocalGenerator) that
 * generates text in-process with a local Hugging Face model. No API key, no network.
 *
 * <p>The model folder comes from {@code --model <folder>}, else the {@code HAYLOFT_MODEL}
 * environment variable, else {@code ../shared/models/stories260K} when it exists. Other flags:
 * {@code --prompt <text>}, {@code --max-new-tokens <n>}.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.args="--model /models/SmolLM2-135M --prompt 'Hay is'"
 * </pre>
 */
public final class LocalGenerationExample {
    private LocalGenerationExample() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        Path model = modelFolder(flags);
        if (model == null) {
            System.err.println("""
                    No model folder given. Pass one with --model <folder> (or set HAYLOFT_MODEL).
                    A model folder is a Hugging Face model in its standard layout: config.json, model.safetensors,
                    tokenizer.json, tokenizer_config.json (generation_config.json optional). Supported
                    architectures: Llama (2/3, SmolLM, TinyLlama), Qwen2, Mistral, GPT-2. To get one, for example:
                        pip install -U huggingface_hub
                        huggingface-cli download HuggingFaceTB/SmolLM2-135M --local-dir models/SmolLM2-135M
                    then run again with --model models/SmolLM2-135M.""");
            System.exit(2);
        }
        String topic = flags.getOrDefault("prompt", "Once upon a time");
        int maxNewTokens = Integer.parseInt(flags.getOrDefault("max-new-tokens", "60"));

        Pipeline pipeline = new Pipeline();
        pipeline.addComponent("prompt", PromptBuilder.builder("{{ beginning }}")
                .requiredVariables(List.of("beginning")).build());
        try (HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder()
                .model(model.toString())
                .generationKwargs(Map.of("max_new_tokens", maxNewTokens, "do_sample", false))
                .streamingCallback(chunk -> System.out.print(chunk.content()))
                .build()) {
            pipeline.addComponent("llm", llm);
            pipeline.connect("prompt.prompt", "llm.prompt");

            System.out.println("Model: " + model);
            System.out.print(topic);
            long t0 = System.nanoTime();
            Map<String, Map<String, Object>> out = pipeline.run(Map.of("prompt", Map.of("beginning", topic)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println();
            System.out.println("---");
            System.out.println("replies: " + out.get("llm").get("replies"));
            System.out.println("(generated in " + ms + " ms, model load included)");
        }
    }

    private static Path modelFolder(Map<String, String> flags) {
        String given = flags.containsKey("model") ? flags.get("model") : System.getenv("HAYLOFT_MODEL");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        for (Path candidate : List.of(Path.of("../shared/models/stories260K"),
                Path.of("../../shared/models/stories260K"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --flag value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
