package dev.hayloft.core.http;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The stand-in chained in place of a client library's, OkHttp's or the JDK's exception: it keeps the
 * original's class name, its message with credentials masked ({@link Scrubber}), its stack
 * trace, and stand-ins for its cause and suppressed exceptions, so that
 * {@code printStackTrace()} and a logger's {@code log.warn(msg, e)} read like the original
 * without echoing an API key that a server or proxy put into its message.
 *
 * <pre>{@code
 * throw new ServerErrorException(message, details, ScrubbedCause.of(okHttpFailure, apiKey));
 * }</pre>
 */
public final class ScrubbedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    private ScrubbedCause(String originalClassName, String message, Throwable cause) {
        super(message, cause, true, true);
        this.originalClassName = originalClassName;
    }

    /**
     * A stand-in for {@code failure} and, recursively, its causes and suppressed exceptions;
     * null for null. A stand-in is returned as it is.
     */
    public static Throwable of(Throwable failure, String secret) {
        return of(failure, secret, new IdentityHashMap<>());
    }

    private static Throwable of(Throwable t, String secret, Map<Throwable, ScrubbedCause> done) {
        if (t == null || t instanceof ScrubbedCause) {
            return t;
        }
        if (done.containsKey(t)) {
            return done.get(t);   // null while t is being replaced: a cycle is cut there
        }
        done.put(t, null);
        Throwable cause = t.getCause() == t ? null : of(t.getCause(), secret, done);
        ScrubbedCause s = new ScrubbedCause(t.getClass().getName(), Scrubber.scrub(t.getMessage(), secret), cause);
        done.put(t, s);
        s.setStackTrace(t.getStackTrace());
        for (Throwable suppressed : t.getSuppressed()) {
            Throwable x = of(suppressed, secret, done);
            if (x != null && x != s) {
                s.addSuppressed(x);
            }
        }
        return s;
    }

    /** Whether the message of {@code failure}, of a cause or of a suppressed exception would be scrubbed. */
    public static boolean mentionsSecret(Throwable failure, String secret) {
        return mentions(failure, secret, new IdentityHashMap<>());
    }

    private static boolean mentions(Throwable t, String secret, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        if (Scrubber.mentionsSecret(t.getMessage(), secret) || mentions(t.getCause(), secret, seen)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (mentions(s, secret, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The class name of the exception this stands for, e.g. {@code com.openai.errors.UnauthorizedException}. */
    public String originalClassName() {
        return originalClassName;
    }

    /** Not filled in: the original's stack trace is copied instead. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** Like the original's: its class name and (masked) message. */
    @Override
    public String toString() {
        String m = getLocalizedMessage();
        return m == null ? originalClassName : originalClassName + ": " + m;
    }
}
