package dev.hayloft.fallback.internal;

import dev.hayloft.fallback.FailoverPolicy;
import dev.hayloft.fallback.StreamingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FallbackRun} needs from its {@code FallbackChatGenerator}: the wrapped
 * generators (with their circuits) and the policies and deadlines.
 *
 * <pre>{@code
 * FallbackSettings s = new FallbackSettings(slots, FailoverPolicy.defaults(), StreamingPolicy.defaults(),
 *         null, null, Timers.on(ForkJoinPool.commonPool()));
 * }</pre>
 *
 * @param slots the wrapped generators, in order
 * @param policy decides after each failure
 * @param streaming the commit point and failover once streaming started
 * @param timeToFirstToken the time-to-first-token timeout per attempt, or null
 * @param totalTimeout the budget across attempts, or null
 * @param timers runs the timeouts (and so starts the attempt after a timed-out one)
 */
public record FallbackSettings(List<Slot> slots, FailoverPolicy policy, StreamingPolicy streaming,
        Duration timeToFirstToken, Duration totalTimeout, Timers timers) {

    public FallbackSettings {
        slots = List.copyOf(slots);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(timers, "timers");
    }
}
