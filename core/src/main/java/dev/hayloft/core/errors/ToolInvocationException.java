package dev.hayloft.core.errors;

/**
 * A tool's function failed while being invoked; the function's exception is the cause.
 *
 * <pre>{@code
 * try {
 *     tool.invoke(Map.of("city", "Berlin"));
 * } catch (ToolInvocationException e) {
 *     System.err.println(e.toolName() + " failed: " + e.getCause());
 * }
 * }</pre>
 */
public class ToolInvocationException extends HayloftException {
    private static final long serialVersionUID = 1L;

    private final String toolName;

    public ToolInvocationException(String toolName, String message, Throwable cause) {
        super("Tool '" + toolName + "': " + message, cause);
        this.toolName = toolName;
    }

    /** The name of the tool that failed. */
    public String toolName() {
        return toolName;
    }
}
