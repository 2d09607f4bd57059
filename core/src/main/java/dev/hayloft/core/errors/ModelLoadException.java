package dev.hayloft.core.errors;

/**
 * A model could not be loaded: a missing folder or file, a corrupt weights header, a
 * tensor of the wrong shape, an unsupported architecture. Raised at {@code warmUp()}.
 *
 * <pre>{@code
 * try {
 *     generator.warmUp();
 * } catch (ModelLoadException e) {
 *     System.err.println("cannot load model: " + e.getMessage());
 * }
 * }</pre>
 */
public class ModelLoadException extends HayloftException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
