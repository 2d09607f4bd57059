package dev.hayloft.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Cold start of one contender, run by {@link OpenAIOverheadBenchmark} in a fresh JVM: prints
 * the milliseconds from JVM start to the first complete non-streaming reply (class loading,
 * client construction, first request).
 *
 * <pre>{@code
 * java -cp <benchmark classpath> dev.hayloft.benchmarks.ColdStart hayloft http://127.0.0.1:8080/v1
 * }</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long clientStart = System.currentTimeMillis();
        try (Contender c = Contenders.create(args[0], args[1])) {
            if (c.plain() <= 0) {
                throw new IllegalStateException("empty reply");
            }
            long now = System.currentTimeMillis();
            System.out.println("cold_start_ms " + (now - jvmStart) + " first_call_ms " + (now - clientStart));
        }
    }
}
