package dev.hayloft.benchmarks;

import dev.hayloft.hf.local.HuggingFaceLocalGenerator;
import dev.hayloft.hf.local.LocalRuntime;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Local inference speed on a model folder (default {@code ../shared/models/stories260K}), all
 * ratios measured against baselines in the same run:
 * <ol>
 *   <li>KV-cache decoding against full recomputation of the sequence at every step;</li>
 *   <li>{@link HuggingFaceLocalGenerator#run} against the runtime's own {@code generate} (the
 *       component's overhead: kwargs mapping, result conversion);</li>
 *   <li>streaming against non-streaming generation.</li>
 * </ol>
 * Variants alternate round by round; each figure is the median of the rounds.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.LocalGenerationBenchmark -Dexec.args="../shared/models/stories260K 9 200"
 * }</pre>
 *
 * Arguments: model folder, rounds (default 9), new tokens per generation (default 200).
 */
public final class LocalGenerationBenchmark {
    private static final String PROMPT = "Once upon a time";

    private LocalGenerationBenchmark() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/models/stories260K").toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        if (!Files.isDirectory(folder)) {
            System.err.println("No model folder at " + folder + "; pass one as the first argument.");
            System.exit(2);
        }
        GenerationParams greedy = GenerationParams.builder().maxNewTokens(tokens).doSample(false).build();
        Map<String, Object> kwargs = Map.of("max_new_tokens", tokens, "do_sample", false);
        LocalRuntime.setIntraOpThreads(1);
        try (LocalModel cached = LocalModel.load(folder, LoadOptions.defaults());
                LocalModel uncached = LocalModel.load(folder, LoadOptions.builder().useKvCache(false).build());
                HuggingFaceLocalGenerator component = HuggingFaceLocalGenerator.builder().model(folder.toString())
                        .generationKwargs(kwargs).build()) {
            component.warmUp();
            StringBuilder sink = new StringBuilder();
            LongSupplier withCache = () -> cached.generate(PROMPT, greedy, null).usage().completionTokens();
            LongSupplier withoutCache = () -> uncached.generate(PROMPT, greedy, null).usage().completionTokens();
            LongSupplier viaComponent = () -> component.run(PROMPT).replies().get(0).length();
            LongSupplier streamed = () -> component.run(PROMPT, c -> sink.append(c.content()), null).replies().get(0)
                    .length();
            for (int i = 0; i < 3; i++) { // warm-up: JIT and native caches
                withCache.getAsLong();
                withoutCache.getAsLong();
                viaComponent.getAsLong();
                streamed.getAsLong();
            }
            List<Double> cacheMs = new ArrayList<>();
            List<Double> noCacheMs = new ArrayList<>();
            List<Double> componentMs = new ArrayList<>();
            List<Double> streamMs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                cacheMs.add(time(withCache));
                noCacheMs.add(time(withoutCache));
                componentMs.add(time(viaComponent));
                streamMs.add(time(streamed));
            }
            double c = median(cacheMs);
            double n = median(noCacheMs);
            double comp = median(componentMs);
            double s = median(streamMs);
            System.out.printf("model %s, %d new tokens, %d rounds, 1 intra-op thread%n", folder.getFileName(), tokens,
                    rounds);
            System.out.printf("runtime, KV cache:          %8.1f ms  (%6.0f tokens/s, %.2f ms/token)%n", c,
                    tokens * 1000 / c, c / tokens);
            System.out.printf("runtime, full recompute:    %8.1f ms  (%6.0f tokens/s)   KV-cache speed-up: %.2fx%n", n,
                    tokens * 1000 / n, n / c);
            System.out.printf("HuggingFaceLocalGenerator:  %8.1f ms  component/runtime ratio: %.3fx%n", comp,
                    comp / c);
            System.out.printf("  ... streaming:            %8.1f ms  streaming/non-streaming ratio: %.3fx%n", s,
                    s / comp);
        }
    }

    private static double time(LongSupplier work) {
        long t0 = System.nanoTime();
        work.getAsLong();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
