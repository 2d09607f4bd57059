package dev.hayloft.fallback.internal;

import dev.hayloft.fallback.AttemptFailure;
import dev.hayloft.fallback.FailoverPolicy;
import dev.hayloft.fallback.FailureKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serialisable {@link FailoverPolicy}: an action per {@link FailureKind}; written as
 * {@code {"rate_limit": "failover", ...}}.
 *
 * <pre>{@code
 * FailoverPolicy.Action a = PolicyTable.DEFAULTS.actions().get(FailureKind.AUTHENTICATION);   // SKIP
 * }</pre>
 */
public final class PolicyTable implements FailoverPolicy {
    /** The classified defaults. */
    public static final PolicyTable DEFAULTS = new PolicyTable(defaults());
    /** Every failure fails over (Haystack 2.19). */
    public static final PolicyTable ALWAYS = new PolicyTable(all(Action.FAILOVER));

    private final Map<FailureKind, Action> actions;

    public PolicyTable(Map<FailureKind, Action> actions) {
        EnumMap<FailureKind, Action> m = new EnumMap<>(FailureKind.class);
        for (FailureKind k : FailureKind.values()) {
            Action a = actions.get(k);
            if (a == null) {
                throw new IllegalArgumentException("failover_policy: no action for '" + k.value() + "'");
            }
            m.put(k, a);
        }
        this.actions = Collections.unmodifiableMap(m);
    }

    private static Map<FailureKind, Action> defaults() {
        EnumMap<FailureKind, Action> m = new EnumMap<>(all(Action.FAILOVER));
        m.put(FailureKind.AUTHENTICATION, Action.SKIP);
        m.put(FailureKind.CONTEXT_LENGTH, Action.FAIL);
        m.put(FailureKind.CONTENT_FILTER, Action.FAIL);
        m.put(FailureKind.INVALID_REQUEST, Action.FAIL);
        return m;
    }

    private static Map<FailureKind, Action> all(Action action) {
        EnumMap<FailureKind, Action> m = new EnumMap<>(FailureKind.class);
        for (FailureKind k : FailureKind.values()) {
            m.put(k, action);
        }
        return m;
    }

    /** The action per kind (every kind present). */
    public Map<FailureKind, Action> actions() {
        return actions;
    }

    @Override
    public Action decide(AttemptFailure failure) {
        return actions.get(failure.kind());
    }

    /** {@code {"rate_limit": "failover", ...}}, every kind. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        actions.forEach((k, a) -> m.put(k.value(), a.value()));
        return m;
    }

    /** Reads {@link #toDict()}'s shape; kinds left out keep their default action. */
    public static PolicyTable fromDict(Map<String, Object> dict) {
        EnumMap<FailureKind, Action> m = new EnumMap<>(DEFAULTS.actions);
        dict.forEach((k, v) -> {
            if (!(v instanceof String)) {
                throw new IllegalArgumentException("the action for '" + k + "' must be one of failover, skip, fail");
            }
            m.put(FailureKind.fromValue(k), Action.fromValue((String) v));
        });
        return new PolicyTable(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyTable && ((PolicyTable) o).actions.equals(actions);
    }

    @Override
    public int hashCode() {
        return actions.hashCode();
    }

    @Override
    public String toString() {
        return "FailoverPolicy" + toDict();
    }
}
