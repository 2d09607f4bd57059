package dev.hayloft.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link dev.hayloft.openai.OpenAIChatGenerator#run} against its peers on one loopback server
 * in one run: the bound ({@code bytes}: OkHttp reading the response bytes unparsed), raw OkHttp +
 * Jackson, openai-java and LangChain4j (see {@link Contenders}). For a non-streaming call and a
 * 1,000-chunk stream it reports, per contender, the median over rounds of wall time per call,
 * bytes allocated per call (all threads: LangChain4j parses on its HTTP client's threads) and,
 * for streams, the time to the first text chunk; then the cold start (fresh JVM to first reply,
 * median of 3 processes). Contenders run in a rotating order, round by round.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.OpenAIOverheadBenchmark -Dexec.args="20 1000 30 3"
 * }</pre>
 *
 * Arguments: rounds (default 20), non-streaming calls per round (1000), streaming calls per
 * round (30), cold-start processes per contender (3; 0 skips).
 */
public final class OpenAIOverheadBenchmark {
    private static final int CHUNKS = 1000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private OpenAIOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int plainCalls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int streamCalls = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int coldRuns = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (LoopbackOpenAI server = LoopbackOpenAI.start(CHUNKS)) {
            List<Contender> contenders = new ArrayList<>();
            for (String name : Contenders.NAMES) {
                contenders.add(Contenders.create(name, server.baseUrl()));
            }
            System.out.printf("JVM %s, %d CPUs, %d rounds, %d plain / %d streaming calls per round%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                    plainCalls, streamCalls);
            try {
                report("non-streaming", contenders, rounds, plainCalls, false, "okhttp+jackson");
                report("stream of " + CHUNKS + " chunks", contenders, rounds, streamCalls, true, "langchain4j");
            } finally {
                contenders.forEach(Contender::close);
            }
            if (coldRuns > 0) {
                coldStarts(server.baseUrl(), coldRuns);
            }
        }
    }

    private static void report(String title, List<Contender> contenders, int rounds, int calls, boolean stream,
            String reference) {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        contenders.forEach(c -> results.put(c.name(), new ArrayList<>()));
        for (int w = 0; w < Math.max(3, rounds / 4); w++) {   // JIT and connection pools
            contenders.forEach(c -> measure(c, calls, stream));
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < contenders.size(); i++) {
                Contender c = contenders.get((i + r) % contenders.size());
                results.get(c.name()).add(measure(c, calls, stream));
            }
        }
        double[] ref = medians(results.get(reference));
        System.out.printf("%n%s (ratios against %s)%n", title, reference);
        System.out.printf("%-16s %12s %8s %14s %8s%s%n", "contender", "us/call", "ratio", "KiB/call", "ratio",
                stream ? String.format(" %18s %8s", "first chunk (us)", "ratio") : "");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] m = medians(e.getValue());
            System.out.printf("%-16s %12.1f %7.2fx %14.1f %7.2fx%s%n", e.getKey(), m[0] / 1000, m[0] / ref[0],
                    m[1] / 1024, m[1] / ref[1],
                    stream ? String.format(" %18.1f %7.2fx", m[2] / 1000, m[2] / ref[2]) : "");
        }
    }

    /** {wall ns per call, bytes allocated per call, median ns to the first chunk}. */
    private static double[] measure(Contender c, int calls, boolean stream) {
        long checksum = 0;
        List<Double> first = new ArrayList<>(calls);
        long[] firstAt = new long[1];
        Set<Long> before = threadIds();
        long allocated = allocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (stream) {
                long t0 = System.nanoTime();
                checksum += c.stream(firstAt);
                first.add((double) (firstAt[0] - t0));
            } else {
                checksum += c.plain();
            }
        }
        long elapsed = System.nanoTime() - start;
        allocated = allocatedBytes() - allocated;
        before.removeAll(threadIds());
        if (!before.isEmpty()) {
            // a thread that ended took its allocation count with it: say so rather than under-report
            System.out.printf("  (%s: %d thread(s) ended during a round; its allocation figure is a lower bound)%n",
                    c.name(), before.size());
        }
        if (checksum == 0) {
            throw new IllegalStateException(c.name() + ": empty replies");
        }
        return new double[] {(double) elapsed / calls, (double) allocated / calls, stream ? median(first) : 0};
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    private static long allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(ids)) {
            if (a > 0) {
                sum += a;
            }
        }
        return sum;
    }

    private static void coldStarts(String baseUrl, int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = classpath();
        System.out.printf("%ncold start: fresh JVM to first non-streaming reply (median of %d)%n", runs);
        for (String name : Contenders.NAMES) {
            List<Double> total = new ArrayList<>();
            List<Double> firstCall = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Process p = new ProcessBuilder(java, "-cp", classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        ColdStart.class.getName(), name, baseUrl).redirectErrorStream(true).start();
                String line;
                String result = null;
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("cold_start_ms ")) {
                            result = line;
                        }
                    }
                }
                if (p.waitFor() != 0 || result == null) {
                    throw new IllegalStateException(name + ": cold start failed");
                }
                String[] f = result.split(" ");
                total.add(Double.parseDouble(f[1]));
                firstCall.add(Double.parseDouble(f[3]));
            }
            System.out.printf("%-16s %8.0f ms (client construction + first call %6.0f ms)%n", name, median(total),
                    median(firstCall));
        }
    }

    private static String classpath() throws URISyntaxException {
        ClassLoader cl = OpenAIOverheadBenchmark.class.getClassLoader();
        if (cl instanceof URLClassLoader) {
            List<String> parts = new ArrayList<>();
            for (URL u : ((URLClassLoader) cl).getURLs()) {
                parts.add(Path.of(u.toURI()).toString());
            }
            return String.join(File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    private static double[] medians(List<double[]> rows) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            List<Double> col = new ArrayList<>();
            for (double[] r : rows) {
                col.add(r[c]);
            }
            out[c] = median(col);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
