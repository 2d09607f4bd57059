package dev.hayloft.core.errors;

import java.util.Optional;

/**
 * A dict, JSON or YAML document could not be turned into a Hayloft object: an unknown or
 * disallowed type, a missing or mistyped field, a token secret where only environment
 * secrets may appear. {@link #path()} points at the offending node, e.g.
 * {@code components.llm.init_parameters.api_key}.
 *
 * <pre>{@code
 * try {
 *     registry.componentFromDict(dict);
 * } catch (DeserializationException e) {
 *     System.err.println("bad node " + e.path().orElse("<root>") + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class DeserializationException extends HayloftException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public DeserializationException(String message) {
        this(message, null, null);
    }

    public DeserializationException(String message, String path, Throwable cause) {
        super(path == null || path.isEmpty() ? message : message + " (at " + path + ")", cause);
        this.path = path == null || path.isEmpty() ? null : path;
    }

    /** The dotted path of the node at fault, when known. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }
}
