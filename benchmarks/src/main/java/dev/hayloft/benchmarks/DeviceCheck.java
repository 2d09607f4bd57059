package dev.hayloft.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.hf.local.LocalRuntime;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local runtime on one device (default {@code cuda:0}): the shared fixtures' greedy
 * continuations (stories260K's {@code expected.json}, the tiny Qwen2 and GPT-2
 * {@code reference.json}) must come out token for token, then decode speed on the
 * Qwen2.5-0.5B-shaped model of {@link SyntheticModel} in float32 and, where the device's
 * PyTorch has the kernel, INT8. Prints one summary line starting {@code DEVICE-CHECK}; exits 1
 * when a continuation differs. {@code scripts/gpu-check.sh} runs it.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.DeviceCheck -Dexec.args="cuda:0 ../shared target/bench-models"
 * }</pre>
 */
public final class DeviceCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceCheck() {
    }

    public static void main(String[] args) throws Exception {
        String device = args.length > 0 ? args[0] : "cuda:0";
        Path shared = Path.of(args.length > 1 ? args[1] : "../shared").toAbsolutePath().normalize();
        Path cache = Path.of(args.length > 2 ? args[2] : "target/bench-models").toAbsolutePath();
        int decode = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<String> failures = new ArrayList<>();
        int cases = 0;
        JsonNode stories = JSON.readTree(shared.resolve("models/stories260K/expected.json").toFile()).get("greedy");
        int[] ids = ints(stories.get("ids"));
        int promptLength = ids.length - stories.get("max_new_tokens").asInt();
        cases++;
        check("stories260K", shared.resolve("models/stories260K"), device, Arrays.copyOf(ids, promptLength),
                Arrays.copyOfRange(ids, promptLength, ids.length), failures);
        for (String fixture : List.of("tiny-random-qwen2", "tiny-random-gpt2")) {
            Path folder = shared.resolve("models").resolve(fixture);
            for (JsonNode c : JSON.readTree(folder.resolve("reference.json").toFile()).get("cases")) {
                cases++;
                check(fixture + "/" + c.get("name").asText(), folder, device, ints(c.get("input_ids")),
                        ints(c.get("greedy").get("new_ids")), failures);
            }
        }
        Path model = SyntheticModel.qwen25Shaped(cache, shared.resolve("tokenizers/qwen2_5"), "F32");
        double f32 = decodeRate(model, device, WeightPrecision.F32, decode);
        String int8;
        try {
            int8 = String.format("%.1f", decodeRate(model, device, WeightPrecision.INT8, decode));
        } catch (RuntimeException e) {
            int8 = "n/a (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")";
        }
        System.out.printf("DEVICE-CHECK device=%s natives=%s greedy=%d/%d decode_f32=%.1f tok/s decode_int8=%s tok/s%s%n",
                device, LocalRuntime.nativeFlavor(), cases - failures.size(), cases, f32, int8,
                failures.isEmpty() ? "" : " FAILED: " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void check(String name, Path folder, String device, int[] prompt, int[] expected,
                              List<String> failures) {
        try (LocalModel m = LocalModel.load(folder, LoadOptions.builder().device(device).build())) {
            GenerationParams greedy = GenerationParams.builder().doSample(false).maxNewTokens(expected.length).build();
            List<Integer> got = m.generate(prompt, greedy, null).sequences().get(0).tokenIds();
            int[] actual = got.stream().mapToInt(Integer::intValue).toArray();
            if (!Arrays.equals(Arrays.copyOf(actual, Math.min(actual.length, expected.length)),
                    Arrays.copyOf(expected, Math.min(actual.length, expected.length)))) {
                failures.add(name);
            }
        }
    }

    private static double decodeRate(Path model, String device, WeightPrecision precision, int tokens) {
        try (LocalModel m = LocalModel.load(model, LoadOptions.builder().device(device).precision(precision).build())) {
            int[] prompt = m.encode("Once upon a time in a hay loft", false);
            GenerationParams one = GenerationParams.builder().doSample(false).maxNewTokens(1).build();
            GenerationParams many = GenerationParams.builder().doSample(false).maxNewTokens(tokens + 1).build();
            m.generate(prompt, many, null); // warm-up
            double best = 0;
            for (int i = 0; i < 3; i++) {
                long a = System.nanoTime();
                m.generate(prompt, one, null);
                long first = System.nanoTime() - a;
                a = System.nanoTime();
                int produced = m.generate(prompt, many, null).usage().completionTokens();
                long total = System.nanoTime() - a;
                best = Math.max(best, (produced - 1) / ((total - first) / 1e9));
            }
            return best;
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
