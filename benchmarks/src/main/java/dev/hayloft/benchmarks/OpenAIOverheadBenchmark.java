package dev.hayloft.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Per-call overhead of {@link OpenAIChatGenerator#run} over a raw openai-java call against the
 * same loopback server, non-streaming and with a 1,000-chunk stream. Both clients use the same
 * timeouts and retry settings; each call builds its request from scratch and consumes the
 * whole answer (the raw stream's text is concatenated, as the generator does). Rounds of the
 * two variants alternate; the result is the ratio of the medians of per-round means (wall
 * time), with the median of the per-round ratios and the ratio of the calling thread's CPU
 * time (less sensitive to other processes) beside it.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.OpenAIOverheadBenchmark -Dexec.args="30 1500 40"
 * }</pre>
 *
 * Arguments: rounds (default 30), non-streaming calls per round (1500), streaming calls per
 * round (40).
 */
public final class OpenAIOverheadBenchmark {
    private static final int CHUNKS = 1000;
    private static final String PROMPT = "What's the capital of France?";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OpenAIOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int plainCalls = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int streamCalls = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Duration timeout = Duration.ofSeconds(30);
        try (LoopbackOpenAI server = LoopbackOpenAI.start(CHUNKS);
                OpenAIChatGenerator generator = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-bench"))
                        .apiBaseUrl(server.baseUrl()).timeout(timeout).maxRetries(5).build()) {
            OpenAIClient raw = OpenAIOkHttpClient.builder().apiKey("sk-bench").baseUrl(server.baseUrl())
                    .timeout(Timeout.builder().connect(timeout).read(timeout).write(timeout).request(Duration.ZERO)
                            .build())
                    .maxRetries(5).build();
            List<ChatMessage> messages = List.of(ChatMessage.fromUser(PROMPT));
            StringBuilder sink = new StringBuilder();
            StreamingCallback callback = chunk -> sink.append(chunk.content());

            LongSupplier rawPlain = () -> rawCall(raw).length();
            LongSupplier hayloftPlain = () -> generator.run(messages).text().length();
            LongSupplier rawStream = () -> rawStream(raw).length();
            LongSupplier hayloftStream = () -> {
                sink.setLength(0);
                return generator.run(messages, null, null, callback).text().length();
            };

            System.out.printf("JVM %s, %d CPUs, %d rounds; OpenAIChatGenerator loaded from %s%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                    OpenAIChatGenerator.class.getProtectionDomain().getCodeSource().getLocation());
            compare("non-streaming", rawPlain, hayloftPlain, rounds, plainCalls);
            compare("stream of " + CHUNKS + " chunks", rawStream, hayloftStream, rounds, streamCalls);
            raw.close();
        }
    }

    private static String rawCall(OpenAIClient client) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage(PROMPT).build();
        ChatCompletion completion = client.chat().completions().create(params);
        return completion.choices().get(0).message().content().orElse("");
    }

    private static String rawStream(OpenAIClient client) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage(PROMPT).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            Iterator<ChatCompletionChunk> it = stream.stream().iterator();
            while (it.hasNext()) {
                ChatCompletionChunk chunk = it.next();
                if (!chunk.choices().isEmpty()) {
                    chunk.choices().get(0).delta().content().ifPresent(text::append);
                }
            }
        }
        return text.toString();
    }

    private static void compare(String name, LongSupplier baseline, LongSupplier hayloft, int rounds, int calls) {
        // warm-up: JIT both paths and the connection pool
        for (int i = 0; i < Math.max(3, rounds / 4); i++) {
            time(baseline, calls);
            time(hayloft, calls);
        }
        List<double[]> base = new ArrayList<>();
        List<double[]> ours = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                base.add(time(baseline, calls));
                ours.add(time(hayloft, calls));
            } else {
                ours.add(time(hayloft, calls));
                base.add(time(baseline, calls));
            }
        }
        double bWall = median(column(base, 0));
        double hWall = median(column(ours, 0));
        double bCpu = median(column(base, 1));
        double hCpu = median(column(ours, 1));
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            paired.add(ours.get(i)[0] / base.get(i)[0]);
        }
        System.out.printf("%-22s raw openai-java %8.1f us/call, OpenAIChatGenerator %8.1f us/call: wall ratio %.3fx "
                + "(median of per-round ratios %.3fx); client-thread CPU %6.1f vs %6.1f us/call: ratio %.3fx%n",
                name, bWall / 1000, hWall / 1000, hWall / bWall, median(paired), bCpu / 1000, hCpu / 1000,
                hCpu / bCpu);
    }

    /** {wall ns per call, calling-thread CPU ns per call}. */
    private static double[] time(LongSupplier call, int calls) {
        long checksum = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            checksum += call.getAsLong();
        }
        long elapsed = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (checksum == 0) {
            throw new IllegalStateException("empty replies");
        }
        return new double[] {(double) elapsed / calls, (double) cpu / calls};
    }

    private static List<Double> column(List<double[]> rows, int c) {
        List<Double> out = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            out.add(r[c]);
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
