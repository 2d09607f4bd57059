package dev.hayloft.core.auth;

import dev.hayloft.core.errors.SerializationException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Secret} holding a value in memory. Not serialisable; prints redacted.
 *
 * <pre>{@code
 * Secret s = Secret.fromToken(System.getProperty("my.key"));
 * System.out.println(s);   // Secret(token=***)
 * }</pre>
 */
public final class TokenSecret implements Secret {
    private final String token;

    TokenSecret(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("Authentication token cannot be empty.");
        }
        this.token = token;
    }

    @Override
    public SecretType type() {
        return SecretType.TOKEN;
    }

    @Override
    public Optional<String> resolveValue(Function<String, String> env) {
        return Optional.of(token);
    }

    @Override
    public Map<String, Object> toDict() {
        throw new SerializationException(
                "Cannot serialize token-based secret. Use an alternative secret type like environment variables.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSecret && token.equals(((TokenSecret) o).token);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    @Override
    public String toString() {
        return "Secret(token=***)";
    }
}
