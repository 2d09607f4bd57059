package dev.hayloft.core.errors;

import java.util.Optional;

/**
 * Wiring or running a {@code Pipeline} failed. Names the component (and socket) at fault
 * when there is one; a component's own failure is chained as the cause.
 *
 * <pre>{@code
 * try {
 *     pipeline.connect("prompt.prompt", "llm.messages");
 * } catch (PipelineException e) {
 *     System.err.println(e.componentName().orElse("?") + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class PipelineException extends HayloftException {
    private static final long serialVersionUID = 1L;

    private final String componentName;
    private final String socketName;

    public PipelineException(String message) {
        this(message, null, null, null);
    }

    public PipelineException(String message, String componentName, String socketName, Throwable cause) {
        super(message, cause);
        this.componentName = componentName;
        this.socketName = socketName;
    }

    /** The component the error is about, when there is one. */
    public Optional<String> componentName() {
        return Optional.ofNullable(componentName);
    }

    /** The socket the error is about, when there is one. */
    public Optional<String> socketName() {
        return Optional.ofNullable(socketName);
    }
}
