package dev.hayloft.fallback;

import java.time.Duration;

/**
 * How a {@link FallbackChatGenerator} streams when generators can fail mid-stream.
 *
 * <p>Each attempt's chunks are held back until its <em>commit point</em>: until
 * {@code commitChars} characters of content (text, reasoning, tool-call names and arguments)
 * have arrived, or {@code commitDelay} has passed since its first content chunk (checked
 * when a chunk arrives), whichever comes first; a successful end commits whatever is held. A
 * failure before the commit point never shows: the held chunks are dropped and the next
 * generator streams as if it had been the first. The default commits at the first content
 * chunk, so a generator that fails before producing text (after sending only a role chunk,
 * say) is invisible.
 *
 * <p>A failure after the commit point either fails over ({@code failoverAfterCommit}, the
 * default) — the callback then receives one reset chunk (meta key
 * {@value FallbackChatGenerator#RESET_META_KEY}, the next generator's {@code component_info})
 * before the next generator's chunks, so a UI clears what it showed — or ends the request
 * ({@code failoverAfterCommit = false}: no fallback once streaming has started).
 *
 * <pre>{@code
 * StreamingPolicy hideEarlyFailures = StreamingPolicy.holdUntil(200, Duration.ofMillis(500));
 * StreamingPolicy neverAfterStart = StreamingPolicy.defaults().withFailoverAfterCommit(false);
 * }</pre>
 *
 * @param commitChars content characters to hold back before committing, at least 1
 *        ({@link Integer#MAX_VALUE}: no character threshold, see {@link #holdFor})
 * @param commitDelay how long after the first content chunk to hold back at most; null: no time threshold
 * @param failoverAfterCommit whether a generator that fails after its chunks were delivered is replaced by the next one
 */
public record StreamingPolicy(int commitChars, Duration commitDelay, boolean failoverAfterCommit) {
    private static final StreamingPolicy DEFAULTS = new StreamingPolicy(1, null, true);

    public StreamingPolicy {
        if (commitChars < 1) {
            throw new IllegalArgumentException("streaming.commit_chars must be at least 1, not " + commitChars);
        }
        if (commitDelay != null && commitDelay.isNegative()) {
            throw new IllegalArgumentException("streaming.commit_delay must not be negative, not " + commitDelay);
        }
    }

    /** Commit at the first content chunk; fail over (with a reset chunk) after it. */
    public static StreamingPolicy defaults() {
        return DEFAULTS;
    }

    /** Hold back until {@code chars} content characters arrived or {@code maxDelay} (null: no limit) passed since the first. */
    public static StreamingPolicy holdUntil(int chars, Duration maxDelay) {
        return new StreamingPolicy(chars, maxDelay, true);
    }

    /** Hold back for {@code delay} after the first content chunk, however much arrives. */
    public static StreamingPolicy holdFor(Duration delay) {
        if (delay == null) {
            throw new IllegalArgumentException("streaming.commit_delay must not be null");
        }
        return new StreamingPolicy(Integer.MAX_VALUE, delay, true);
    }

    /** This policy with or without failover once chunks were delivered. */
    public StreamingPolicy withFailoverAfterCommit(boolean failover) {
        return new StreamingPolicy(commitChars, commitDelay, failover);
    }
}
