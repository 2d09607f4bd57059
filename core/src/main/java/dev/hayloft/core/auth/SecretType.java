package dev.hayloft.core.auth;

/**
 * The kinds of {@link Secret}: {@code token} (in memory, never serialised) and
 * {@code env_var} (read from the environment, serialised by variable name).
 *
 * <pre>{@code
 * if (secret.type() == SecretType.TOKEN) { ... }
 * }</pre>
 */
public enum SecretType {
    TOKEN("token"),
    ENV_VAR("env_var");

    private final String value;

    SecretType(String value) {
        this.value = value;
    }

    /** The serialised value. */
    public String value() {
        return value;
    }

    /** Parses a serialised value. */
    public static SecretType fromValue(String value) {
        for (SecretType t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown secret type '" + value + "'");
    }

    @Override
    public String toString() {
        return value;
    }
}
