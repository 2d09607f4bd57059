package dev.hayloft.core.tools;

import java.util.Map;

/**
 * The Java code behind a {@link Tool}: receives the arguments the model chose (parsed JSON)
 * and returns the result (usually a string or a JSON-like value).
 *
 * <pre>{@code
 * ToolFunction weather = args -> "22°C in " + args.get("city");
 * }</pre>
 */
@FunctionalInterface
public interface ToolFunction {
    /** Runs the tool. Any exception is wrapped in a {@code ToolInvocationException} by {@link Tool#invoke}. */
    Object invoke(Map<String, Object> arguments) throws Exception;
}
