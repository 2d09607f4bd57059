package dev.hayloft.core.errors;

/**
 * An object could not be turned into a dict, JSON or YAML, e.g. a token {@code Secret}
 * (which refuses to be written out) or a callback without a registered name.
 *
 * <pre>{@code
 * try {
 *     generator.toDict();
 * } catch (SerializationException e) {
 *     // use Secret.fromEnvVar("OPENAI_API_KEY") instead of Secret.fromToken(...)
 * }
 * }</pre>
 */
public class SerializationException extends HayloftException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
