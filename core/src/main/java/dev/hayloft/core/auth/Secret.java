package dev.hayloft.core.auth;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.DictReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A credential (API key, token) that components use without exposing it.
 *
 * <p>Two kinds, exactly as Haystack's: {@link #fromEnvVar} reads the first set environment
 * variable of a list at use time and serialises as
 * {@code {"type": "env_var", "env_vars": [...], "strict": true}}; {@link #fromToken} holds a
 * value in memory, refuses to serialise ({@link dev.hayloft.core.errors.SerializationException})
 * and prints as {@code Secret(token=***)}. A token never appears in {@code toString},
 * {@code toDict}, logs or exception messages.
 *
 * <pre>{@code
 * Secret key = Secret.fromEnvVar("OPENAI_API_KEY");
 * String value = key.resolveValue().orElseThrow();
 * Map<String, Object> dict = key.toDict();   // {"type":"env_var","env_vars":["OPENAI_API_KEY"],"strict":true}
 * }</pre>
 */
public sealed interface Secret permits EnvVarSecret, TokenSecret {

    /** A secret holding {@code token} in memory; it cannot be serialised. */
    static Secret fromToken(String token) {
        return new TokenSecret(token);
    }

    /** A strict secret read from the first set variable among {@code envVars}. */
    static Secret fromEnvVar(String... envVars) {
        return new EnvVarSecret(List.of(envVars), true);
    }

    /** A secret read from the first set variable among {@code envVars}; non-strict ones may resolve to nothing. */
    static Secret fromEnvVar(List<String> envVars, boolean strict) {
        return new EnvVarSecret(envVars, strict);
    }

    /** The kind of secret. */
    SecretType type();

    /**
     * The value from the process environment. A strict env-var secret with none of its
     * variables set fails with an {@link IllegalStateException} naming the variables.
     */
    default Optional<String> resolveValue() {
        return resolveValue(System::getenv);
    }

    /** The value, looking variables up in {@code env} (for tests and custom environments). */
    Optional<String> resolveValue(Function<String, String> env);

    /** Haystack's dict shape; token secrets refuse with a {@code SerializationException}. */
    Map<String, Object> toDict();

    /** Reads Haystack's dict shape; token secrets are refused. */
    static Secret fromDict(Map<String, ?> dict) {
        return fromDict(DictReader.of(dict, ""));
    }

    /** Reads Haystack's dict shape at a path; token secrets are refused. */
    static Secret fromDict(DictReader r) {
        String type = r.requireString("type");
        SecretType t;
        try {
            t = SecretType.fromValue(type);
        } catch (IllegalArgumentException e) {
            throw new DeserializationException("Unknown secret type '" + type + "'", r.pathOf("type"), null);
        }
        if (t == SecretType.TOKEN) {
            throw r.error(null, "Cannot deserialize token-based secret. Use an alternative secret type like "
                    + "environment variables.", null);
        }
        List<String> vars = r.optionalStringList("env_vars");
        if (vars == null) {
            throw r.error("env_vars", "missing field 'env_vars'", null);
        }
        try {
            return new EnvVarSecret(vars, r.bool("strict", true));
        } catch (IllegalArgumentException e) {
            throw r.error("env_vars", e.getMessage(), e);
        }
    }
}
