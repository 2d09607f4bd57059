package dev.hayloft.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Jlama (com.github.tjake:jlama-core, pure Java on the Vector API) as a peer in
 * {@link LocalPrecisionBenchmark}. Jlama needs a JDK 21+ and our build targets 17, so its API is only
 * called by reflection, from a child JVM started on a newer JDK ({@code JLAMA_JAVA_HOME}, else the first
 * JDK 21+ found) with {@code --add-modules jdk.incubator.vector --enable-preview}. The child loads the
 * safetensors folder with {@code ModelSupport.loadModel(dir, F32, I8)} (Jlama computes in the weights'
 * own type, F32 or BF16, for unquantized checkpoints) and prints the same {@code RESULT} line as
 * the benchmark's own child.
 *
 * <pre>{@code
 * Optional<Path> jdk = JlamaPeer.javaHome(); // empty: print JlamaPeer.noJdkReason() and skip
 * List<String> child = JlamaPeer.command(jdk.get(), classPath, folder, 3, 32); // prints a RESULT line
 * }</pre>
 */
final class JlamaPeer {
    private static final int MIN_FEATURE = 21;
    private static final String JLAMA = "com.github.tjake.jlama.";

    private JlamaPeer() {
    }

    /** A JDK home of version 21 or later: JLAMA_JAVA_HOME, this JVM, then /usr/lib/jvm/*; empty if none. */
    static Optional<Path> javaHome() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("JLAMA_JAVA_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted().forEach(candidates::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: only the candidates above
        }
        return candidates.stream().filter(h -> feature(h) >= MIN_FEATURE).findFirst();
    }

    /** Why {@link #javaHome()} found nothing, for the "skipped" line. */
    static String noJdkReason() {
        return "no JDK " + MIN_FEATURE + "+ (Vector API) found: set JLAMA_JAVA_HOME (checked it, "
                + System.getProperty("java.home") + " and /usr/lib/jvm)";
    }

    /** The child command that benchmarks {@code folder} with Jlama on the JDK at {@code javaHome}. */
    static List<String> command(Path javaHome, String classPath, Path folder, int rounds, int decode) {
        return List.of(javaHome.resolve("bin").resolve("java").toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-preview", "--enable-native-access=ALL-UNNAMED", "-Xmx3g", "-cp", classPath,
                JlamaPeer.class.getName(), folder.toString(), String.valueOf(rounds), String.valueOf(decode));
    }

    /** The feature release of the JDK at {@code home} (from its release file), or -1. */
    private static int feature(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return -1;
            }
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The child: {@code folder rounds decode}; prints
     * "RESULT loadMs rssMB peakMB prefillTokensPerSecond decodeTokensPerSecond" as
     * {@link LocalPrecisionBenchmark}'s child does (prefill: a 128-position prompt, BOS included, to one
     * token; decode: time(N+1 tokens) - time(1 token) from an 8-position prompt).
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int decode = Integer.parseInt(args[2]);
        Class<?> dtype = Class.forName(JLAMA + "safetensors.DType");
        Class<?> generator = Class.forName(JLAMA + "model.functions.Generator");
        Class<?> promptContext = Class.forName(JLAMA + "safetensors.prompt.PromptContext");
        Method load = Class.forName(JLAMA + "model.ModelSupport").getMethod("loadModel", File.class, dtype, dtype);
        long t0 = System.nanoTime();
        Object model = invoke(load, null, folder.toFile(), dtype.getField("F32").get(null),
                dtype.getField("I8").get(null));
        try {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            double rss = LocalPrecisionBenchmark.status("VmRSS:");
            Generation g = new Generation(model, generator, promptContext);
            String longPrompt = g.prefix(LocalPrecisionBenchmark.PREFILL_TOKENS - 1); // + BOS
            String shortPrompt = g.prefix(7);
            g.generate(shortPrompt, 8 + decode); // warm-up
            g.generate(longPrompt, LocalPrecisionBenchmark.PREFILL_TOKENS);
            List<Double> prefill = new ArrayList<>();
            List<Double> decodeRates = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long a = System.nanoTime();
                g.generate(longPrompt, LocalPrecisionBenchmark.PREFILL_TOKENS);
                prefill.add(LocalPrecisionBenchmark.PREFILL_TOKENS / ((System.nanoTime() - a) / 1e9));
                a = System.nanoTime();
                g.generate(shortPrompt, 8);
                long first = System.nanoTime() - a;
                a = System.nanoTime();
                int forwards = g.generate(shortPrompt, 8 + decode);
                long total = System.nanoTime() - a;
                decodeRates.add(forwards / ((total - first) / 1e9));
            }
            double peak = LocalPrecisionBenchmark.status("VmHWM:");
            System.out.printf("RESULT %.1f %.1f %.1f %.2f %.3f%n", loadMs, rss, peak,
                    LocalPrecisionBenchmark.median(prefill), LocalPrecisionBenchmark.median(decodeRates));
        } finally {
            ((AutoCloseable) model).close();
        }
    }

    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** Jlama's generate and tokenizer, by reflection. */
    private static final class Generation {
        private final Object model;
        private final Object tokenizer;
        private final Method generate;
        private final Method of;
        private final Method encode;
        private final Method decode;

        Generation(Object model, Class<?> generator, Class<?> promptContext) throws Exception {
            this.model = model;
            this.generate = generator.getMethod("generate", UUID.class, promptContext, float.class, int.class,
                    BiConsumer.class);
            this.of = promptContext.getMethod("of", String.class);
            Class<?> tokenizerType = Class.forName(JLAMA + "safetensors.tokenizer.Tokenizer");
            this.tokenizer = generator.getMethod("getTokenizer").invoke(model);
            this.encode = tokenizerType.getMethod("encode", String.class);
            this.decode = tokenizerType.getMethod("decode", long[].class);
        }

        /** Text that Jlama's tokenizer encodes to exactly {@code tokens} tokens. */
        String prefix(int tokens) throws Exception {
            long[] all = (long[]) invoke(encode, tokenizer, LocalPrecisionBenchmark.TEXT.repeat(8));
            for (int n = tokens; n < all.length; n++) {
                String text = (String) invoke(decode, tokenizer, (Object) Arrays.copyOf(all, n));
                if (((long[]) invoke(encode, tokenizer, text)).length == tokens) {
                    return text;
                }
            }
            throw new IllegalStateException("no text of " + tokens + " tokens");
        }

        /**
         * Greedy generation in a fresh session up to {@code positions} positions (Jlama's ntokens counts the
         * prompt, BOS included: the prompt's own positions give one token, each further one a forward pass);
         * returns the forward passes after the prompt.
         */
        int generate(String prompt, int positions) throws Exception {
            BiConsumer<String, Float> ignore = (token, ms) -> { };
            Object response = invoke(generate, model, UUID.randomUUID(), invoke(of, null, prompt), 0f, positions,
                    ignore);
            return response.getClass().getField("generatedTokens").getInt(response);
        }
    }
}
