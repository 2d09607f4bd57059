package dev.hayloft.core.internal;

import dev.hayloft.templates.Python;

/**
 * Kept only for the serialization module's YAML float formatting until it calls
 * {@link Python#floatRepr(double)} directly; everything else uses {@link Python}.
 *
 * <pre>{@code
 * PyRepr.floatRepr(1e-5);   // "1e-05", same as Python.floatRepr(1e-5)
 * }</pre>
 *
 * @deprecated use {@link Python#floatRepr(double)}
 */
@Deprecated(forRemoval = true)
public final class PyRepr {
    private PyRepr() {
    }

    /**
     * Python's {@code repr(float)}.
     *
     * @deprecated use {@link Python#floatRepr(double)}
     */
    @Deprecated(forRemoval = true)
    public static String floatRepr(double d) {
        return Python.floatRepr(d);
    }
}
