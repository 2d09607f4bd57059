package dev.hayloft.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Secret} read from the first set environment variable of an ordered list.
 *
 * <pre>{@code
 * Secret s = Secret.fromEnvVar(List.of("HF_API_TOKEN", "HF_TOKEN"), false);
 * s.resolveValue().ifPresent(token -> ...);
 * }</pre>
 */
public final class EnvVarSecret implements Secret {
    private final List<String> envVars;
    private final boolean strict;

    EnvVarSecret(List<String> envVars, boolean strict) {
        Objects.requireNonNull(envVars, "envVars");
        if (envVars.isEmpty()) {
            throw new IllegalArgumentException("One or more environment variables must be provided for the secret.");
        }
        for (String v : envVars) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("environment variable names must not be null or blank");
            }
        }
        this.envVars = List.copyOf(envVars);
        this.strict = strict;
    }

    /** The variables, in the order they are tried. */
    public List<String> envVars() {
        return envVars;
    }

    /** Whether resolving with none of the variables set is an error. */
    public boolean strict() {
        return strict;
    }

    @Override
    public SecretType type() {
        return SecretType.ENV_VAR;
    }

    @Override
    public Optional<String> resolveValue(Function<String, String> env) {
        for (String name : envVars) {
            String value = env.apply(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        if (strict) {
            throw new IllegalStateException(
                    "None of the following authentication environment variables are set: " + envVars);
        }
        return Optional.empty();
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", SecretType.ENV_VAR.value());
        m.put("env_vars", new ArrayList<>(envVars));
        m.put("strict", strict);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvVarSecret && envVars.equals(((EnvVarSecret) o).envVars)
                && strict == ((EnvVarSecret) o).strict;
    }

    @Override
    public int hashCode() {
        return Objects.hash(envVars, strict);
    }

    @Override
    public String toString() {
        return "Secret(env_vars=" + envVars + ", strict=" + strict + ")";
    }
}
