package dev.hayloft.fallback.internal;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.fallback.CircuitBreaker;
import dev.hayloft.fallback.FailoverPolicy;
import dev.hayloft.fallback.StreamingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code init_parameters} of a {@code FallbackChatGenerator}: Haystack's
 * {@code chat_generators} (nested component dicts, resolved through the registry), and
 * Hayloft's own settings, written only when they differ from the defaults so that a default
 * generator's dict is exactly Haystack's.
 *
 * <pre>{@code
 * Map<String, Object> init = new LinkedHashMap<>();
 * init.put("chat_generators", FallbackDicts.writeGenerators(generators));
 * FallbackDicts.writeSettings(init, callback, policy, breaker, streaming, ttft, total);
 * }</pre>
 */
public final class FallbackDicts {
    private FallbackDicts() {
    }

    /** Each generator's own {@code toDict}. */
    public static List<Object> writeGenerators(List<? extends ChatGenerator> generators) {
        List<Object> out = new ArrayList<>(generators.size());
        for (int i = 0; i < generators.size(); i++) {
            ChatGenerator g = generators.get(i);
            try {
                out.add(g.toDict());
            } catch (SerializationException e) {
                throw new SerializationException("chat_generators[" + i + "] (" + g.getClass().getSimpleName()
                        + "): " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Writes the non-default Hayloft settings into {@code init}. */
    public static void writeSettings(Map<String, Object> init, StreamingCallback callback, FailoverPolicy policy,
            CircuitBreaker breaker, StreamingPolicy streaming, Duration ttft, Duration total) {
        if (callback != null) {
            String name = StreamingCallback.nameOf(callback);
            if (name == null) {
                throw new SerializationException("streaming_callback has no registered name: wrap it with "
                        + "StreamingCallback.named(\"<name>\", callback) to serialise the generator");
            }
            init.put("streaming_callback", name);
        }
        if (!PolicyTable.DEFAULTS.equals(policy)) {
            init.put("failover_policy", policy(policy));
        }
        if (breaker != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("failure_threshold", breaker.failureThreshold());
            m.put("cooldown", seconds(breaker.cooldown()));
            m.put("max_cooldown", seconds(breaker.maxCooldown()));
            init.put("circuit_breaker", m);
        }
        if (!StreamingPolicy.defaults().equals(streaming)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit_chars", streaming.commitChars() == Integer.MAX_VALUE ? null : streaming.commitChars());
            m.put("commit_delay", seconds(streaming.commitDelay()));
            m.put("failover_after_commit", streaming.failoverAfterCommit());
            init.put("streaming", m);
        }
        if (ttft != null) {
            init.put("time_to_first_token_timeout", seconds(ttft));
        }
        if (total != null) {
            init.put("total_timeout", seconds(total));
        }
    }

    private static Object policy(FailoverPolicy policy) {
        String name = FailoverPolicy.nameOf(policy);
        if (name != null) {
            return name;
        }
        if (policy instanceof PolicyTable) {
            return ((PolicyTable) policy).toDict();
        }
        throw new SerializationException("failover_policy: a custom FailoverPolicy cannot be serialised; build it "
                + "with FailoverPolicy.builder(), or name it with FailoverPolicy.named(\"<name>\", policy) and register "
                + "the name as a named function");
    }

    /** {@code chat_generators}: a non-empty list of chat-generator dicts. */
    public static List<ChatGenerator> readGenerators(DictReader init, DeserializationContext ctx) {
        List<ChatGenerator> out = init.optionalListOf("chat_generators", (r, i) -> {
            Component c = ctx.registry().fromDict(r);
            if (!(c instanceof ChatGenerator)) {
                throw r.error("type", "'" + r.string("type", null) + "' is not a chat generator", null);
            }
            return (ChatGenerator) c;
        });
        if (out == null || out.isEmpty()) {
            throw init.error("chat_generators", "'chat_generators' must be a non-empty list", null);
        }
        return out;
    }

    /** {@code failover_policy}: a registered name, a table of actions, or absent (the defaults). */
    public static FailoverPolicy readPolicy(DictReader init, DeserializationContext ctx) {
        Object raw = init.raw("failover_policy");
        if (raw == null) {
            return FailoverPolicy.defaults();
        }
        if (raw instanceof String) {
            String name = (String) raw;
            FailoverPolicy p = ctx.registry().function(name, FailoverPolicy.class).orElseThrow(() -> init.error(
                    "failover_policy", "No failover policy registered under '" + name + "'", null));
            return FailoverPolicy.named(name, p);
        }
        try {
            return PolicyTable.fromDict(init.optionalMap("failover_policy"));
        } catch (IllegalArgumentException e) {
            throw init.error("failover_policy", e.getMessage(), e);
        }
    }

    /** {@code circuit_breaker}, or null. */
    public static CircuitBreaker readCircuitBreaker(DictReader init) {
        if (init.raw("circuit_breaker") == null) {
            return null;
        }
        DictReader r = init.child("circuit_breaker");
        r.rejectUnknownKeys(java.util.Set.of("failure_threshold", "cooldown", "max_cooldown"));
        Integer threshold = r.optionalInt("failure_threshold");
        Duration cooldown = duration(r, "cooldown");
        Duration max = duration(r, "max_cooldown");
        try {
            if (threshold == null || cooldown == null) {
                throw new IllegalArgumentException("failure_threshold and cooldown are required");
            }
            return max == null ? CircuitBreaker.of(threshold, cooldown) : new CircuitBreaker(threshold, cooldown, max);
        } catch (IllegalArgumentException e) {
            throw init.error("circuit_breaker", e.getMessage(), e);
        }
    }

    /** {@code streaming}, or the defaults. */
    public static StreamingPolicy readStreaming(DictReader init) {
        if (init.raw("streaming") == null) {
            return StreamingPolicy.defaults();
        }
        DictReader r = init.child("streaming");
        r.rejectUnknownKeys(java.util.Set.of("commit_chars", "commit_delay", "failover_after_commit"));
        // absent: the default (1); null: no character threshold
        Integer chars = r.has("commit_chars") ? r.optionalInt("commit_chars") : Integer.valueOf(1);
        try {
            return new StreamingPolicy(chars == null ? Integer.MAX_VALUE : chars, duration(r, "commit_delay"),
                    r.bool("failover_after_commit", true));
        } catch (IllegalArgumentException e) {
            throw init.error("streaming", e.getMessage(), e);
        }
    }

    /** A duration given in seconds, or null. */
    public static Duration duration(DictReader r, String key) {
        Double s = r.optionalDouble(key);
        if (s == null) {
            return null;
        }
        if (s.isNaN() || s < 0) {
            throw r.error(key, "must be a non-negative number of seconds, not " + s, null);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }
}
