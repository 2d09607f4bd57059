package dev.hayloft.templates;

/**
 * A Python {@code complex}, which is what {@code (-8) ** 0.5} gives. Templates rarely meet one:
 * it prints as Python prints it ({@code (1.7319121124709868e-16+2.8284271247461903j)}) and is
 * truthy unless zero; arithmetic on it is not supported.
 *
 * <pre>{@code
 * {{ (-8) ** 0.5 }}
 * }</pre>
 *
 * @param real the real part
 * @param imag the imaginary part
 */
record PyComplex(double real, double imag) {
    /** {@code x ** y} for a negative base and a non-integral exponent, as CPython's complex power. */
    static PyComplex power(double x, double y) {
        double length = Math.pow(Math.abs(x), y);
        double phase = Math.atan2(0.0, x) * y;
        return new PyComplex(length * Math.cos(phase), length * Math.sin(phase));
    }

    /** Python's {@code repr(complex)}. */
    String repr() {
        if (real == 0 && Math.copySign(1.0, real) > 0) {
            return part(imag) + "j";
        }
        String im = part(imag);
        return "(" + part(real) + (im.startsWith("-") ? "" : "+") + im + "j)";
    }

    private static String part(double d) {
        String r = PyFloats.repr(d);
        return r.endsWith(".0") ? r.substring(0, r.length() - 2) : r;
    }
}
