package dev.hayloft.core.component;

import java.util.List;

/**
 * Implemented by components whose input sockets depend on how they were configured (a
 * template's variables). The sockets it returns are delivered to the run method's
 * {@link DynamicInputs} parameter.
 *
 * <pre>{@code
 * public List<InputSocket> dynamicInputSockets() {
 *     return List.of(InputSocket.optional("question", Object.class, ""));
 * }
 * }</pre>
 */
public interface DynamicSockets {
    /** The instance's dynamic input sockets; fixed for the instance's lifetime. */
    List<InputSocket> dynamicInputSockets();
}
