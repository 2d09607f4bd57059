package dev.hayloft.core.internal;

import dev.hayloft.core.errors.HayloftException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waiting for a future on behalf of a synchronous API: its failure is thrown as it is (not
 * wrapped), and an interrupt cancels the future and keeps the thread's interrupt flag.
 *
 * <pre>{@code
 * Result r = Futures.await(runAsync(query));
 * }</pre>
 */
public final class Futures {
    private Futures() {
    }

    /**
     * The future's value.
     *
     * @throws CancellationException when the future was cancelled or the waiting thread interrupted
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        }
    }

    /** {@code t} without {@link CompletionException}/{@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static RuntimeException rethrowable(Throwable cause) {
        Throwable c = unwrap(cause);
        if (c instanceof RuntimeException) {
            return (RuntimeException) c;
        }
        if (c instanceof Error) {
            throw (Error) c;
        }
        return new HayloftException(String.valueOf(c.getMessage()), c);
    }
}
