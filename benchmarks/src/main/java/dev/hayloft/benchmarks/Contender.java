package dev.hayloft.benchmarks;

/**
 * One client under test in {@link OpenAIOverheadBenchmark}: it sends a chat completion request
 * to the loopback server and consumes the whole answer, non-streaming or streaming.
 *
 * <pre>{@code
 * try (Contender c = Contenders.create("hayloft", server.baseUrl())) {
 *     long chars = c.plain();
 *     long streamed = c.stream(new long[1]);
 * }
 * }</pre>
 */
interface Contender extends AutoCloseable {
    /** The name printed in the results. */
    String name();

    /** One non-streaming call; returns the length of the reply text. */
    long plain();

    /**
     * One streaming call; returns the length of the concatenated text and stores the
     * {@link System#nanoTime()} at which the first text chunk reached the caller in
     * {@code firstChunkAt[0]}.
     */
    long stream(long[] firstChunkAt);

    @Override
    void close();
}
