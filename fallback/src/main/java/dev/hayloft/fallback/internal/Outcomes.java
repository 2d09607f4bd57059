package dev.hayloft.fallback.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.fallback.FailoverPolicy.Action;
import dev.hayloft.fallback.FailureKind;
import dev.hayloft.fallback.FallbackAttempt;
import dev.hayloft.fallback.FallbackAttempt.Outcome;
import dev.hayloft.fallback.FallbackException;
import dev.hayloft.fallback.FallbackException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what happened in a {@link FallbackRun} into records: one {@link FallbackAttempt} per
 * generator reached, the result's {@code meta} (Haystack's keys plus {@code attempts}) and
 * the final {@link FallbackException} (message in Haystack's wording where Haystack has one).
 *
 * <pre>{@code
 * FallbackAttempt a = Outcomes.failed(attempt, error, FailureKind.RATE_LIMIT, Action.FAILOVER, System.nanoTime());
 * }</pre>
 */
final class Outcomes {
    private Outcomes() {
    }

    static FallbackAttempt skipped(Slot slot) {
        return new FallbackAttempt(slot.index(), slot.name(), slot.configuredModel(), Outcome.SKIPPED, null, null, null,
                null, Duration.ZERO, null, null, false);
    }

    static FallbackAttempt succeeded(Attempt a, List<ChatMessage> replies, long end, boolean streamed) {
        Object model = replies.isEmpty() ? null : replies.get(0).meta().get("model");
        Duration ttft = a.timeToFirstToken() != null ? a.timeToFirstToken() : a.latency(end);
        return new FallbackAttempt(a.slot().index(), a.slot().name(),
                model instanceof String ? (String) model : a.slot().configuredModel(), Outcome.SUCCEEDED, null, null,
                null, null, a.latency(end), ttft, null, streamed);
    }

    static FallbackAttempt failed(Attempt a, Throwable error, FailureKind kind, Action action, long end) {
        GenerationException g = error instanceof GenerationException ? (GenerationException) error : null;
        return new FallbackAttempt(a.slot().index(), a.slot().name(), a.slot().configuredModel(), Outcome.FAILED,
                error.getClass().getSimpleName(), kind,
                g != null && g.statusCode().isPresent() ? g.statusCode().getAsInt() : null,
                g == null ? null : g.retryAfter().orElse(null), a.latency(end), a.timeToFirstToken(), action,
                a.wasDelivered());
    }

    static FallbackAttempt cancelled(Attempt a, long end) {
        return new FallbackAttempt(a.slot().index(), a.slot().name(), a.slot().configuredModel(), Outcome.CANCELLED,
                null, null, null, null, a.latency(end), a.timeToFirstToken(), null, a.wasDelivered());
    }

    /** Haystack's four keys over the successful generator's own meta, plus {@code attempts}. */
    static Map<String, Object> meta(Map<String, Object> generatorMeta, Slot winner, int called, List<String> failed,
            List<FallbackAttempt> attempts) {
        Map<String, Object> meta = new LinkedHashMap<>(generatorMeta);
        meta.put("successful_chat_generator_index", winner.index());
        meta.put("successful_chat_generator_class", winner.name());
        meta.put("total_attempts", called);
        meta.put("failed_chat_generators", List.copyOf(failed));
        List<Object> list = new ArrayList<>(attempts.size());
        for (FallbackAttempt a : attempts) {
            list.add(a.toDict());
        }
        meta.put("attempts", list);
        return meta;
    }

    /** The request's final exception; every attempt's error is suppressed on it, in order. */
    static FallbackException exception(Reason reason, Throwable cause, Attempt deciding, FallbackSettings s,
            List<FallbackAttempt> attempts, List<Throwable> errors, List<String> failed) {
        GenerationException g = cause instanceof GenerationException ? (GenerationException) cause : null;
        GenerationException.Details d = GenerationException.details(FallbackException.PROVIDER);
        if (g != null && reason != Reason.STREAMING_CALLBACK_FAILED) {
            g.statusCode().ifPresent(d::statusCode);
            g.requestId().ifPresent(d::requestId);
            g.retryAfter().ifPresent(d::retryAfter);
        }
        Duration reopen = reason == Reason.NO_GENERATOR_AVAILABLE ? firstReopening(s) : null;
        if (reopen != null) {
            d.retryAfter(reopen);
        }
        boolean retryable = reason == Reason.NO_GENERATOR_AVAILABLE || reason == Reason.BUDGET_EXHAUSTED
                || (reason != Reason.STREAMING_CALLBACK_FAILED && g != null && g.isRetryable());
        FallbackException e = new FallbackException(message(reason, cause, deciding, s, attempts, failed),
                d.retryable(retryable), cause, reason, attempts, failed);
        for (Throwable t : errors) {
            e.addSuppressed(t);
        }
        return e;
    }

    private static String message(Reason reason, Throwable cause, Attempt deciding, FallbackSettings s,
            List<FallbackAttempt> attempts, List<String> failed) {
        String failedList = "Failed chat generators: [" + String.join(", ", failed) + "]";
        List<String> skipped = new ArrayList<>();
        for (FallbackAttempt a : attempts) {
            if (a.outcome() == Outcome.SKIPPED) {
                skipped.add(a.chatGeneratorClass());
            }
        }
        String skippedNote = skipped.isEmpty() ? "" : " Skipped (circuit open): [" + String.join(", ", skipped) + "].";
        switch (reason) {
            case ALL_FAILED:
                return "All " + s.slots().size() + " chat generators failed. Last error: " + describe(cause) + ". "
                        + failedList + skippedNote;
            case FAIL_FAST:
                return "Chat generator " + deciding.slot() + " failed with an error the failover policy does not fail "
                        + "over on (" + FailureKind.of(cause).value() + "): " + describe(cause) + ". " + failedList;
            case STREAM_STARTED:
                return "Chat generator " + deciding.slot() + " failed after its chunks were streamed, and failover "
                        + "once streaming started is off: " + describe(cause) + ". " + failedList;
            case BUDGET_EXHAUSTED:
                return "The total timeout of " + s.totalTimeout() + " ran out. Last error: " + describe(cause) + ". "
                        + failedList + skippedNote;
            case NO_GENERATOR_AVAILABLE:
                return "No chat generator could be called: the circuits of all " + s.slots().size()
                        + " are open (the first may close in " + firstReopening(s) + ")." + skippedNote;
            default:
                return "The streaming callback threw: " + describe(cause);
        }
    }

    private static Duration firstReopening(FallbackSettings s) {
        Instant first = null;
        for (Slot slot : s.slots()) {
            Instant until = slot.circuit().snapshot().openUntil();
            if (until != null && (first == null || until.isBefore(first))) {
                first = until;
            }
        }
        if (first == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(slotsClock(s), first);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant slotsClock(FallbackSettings s) {
        return s.slots().get(0).circuit().now();
    }

    /** A failure's text as Haystack's {@code str(e)} would show it: the message, or the class and message. */
    static String describe(Throwable e) {
        if (e == null) {
            return "none";
        }
        return e instanceof GenerationException ? e.getMessage() : e.toString();
    }

    /** {@code e} itself when it is a {@link GenerationException}, else one wrapping it (for listener events). */
    static GenerationException asGenerationException(Throwable e) {
        if (e instanceof GenerationException) {
            return (GenerationException) e;
        }
        return new GenerationException(describe(e), GenerationException.details(FallbackException.PROVIDER)
                .retryable(false), e);
    }
}
