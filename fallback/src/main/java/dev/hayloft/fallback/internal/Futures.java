package dev.hayloft.fallback.internal;

import dev.hayloft.core.errors.HayloftException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The future plumbing of {@code FallbackChatGenerator}: waiting for a result on the caller's
 * thread (an interrupt cancels the work) and mapping a future's value while keeping its
 * cancellation (a plain {@code thenApply} would not cancel the source).
 *
 * <pre>{@code
 * FallbackResult r = Futures.await(fallback.runWithMetaAsync(messages, null, null, null));
 * CompletableFuture<ChatGeneratorResult> f = Futures.map(source, r -> new ChatGeneratorResult(r.replies()));
 * }</pre>
 */
public final class Futures {
    private Futures() {
    }

    /** The future's value; its failure rethrown as is; an interrupt cancels it and throws a {@link CancellationException}. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for the chat generators");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new HayloftException("the fallback request failed: " + cause, cause);
        }
    }

    /** {@code source}'s value mapped by {@code fn}; cancelling the result cancels {@code source}. */
    public static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> fn) {
        CompletableFuture<R> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                source.cancel(mayInterruptIfRunning);
                return cancelled;
            }
        };
        source.whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                try {
                    out.complete(fn.apply(r));
                } catch (RuntimeException mapping) {
                    out.completeExceptionally(mapping);
                }
            }
        });
        return out;
    }

    /** Closes each {@link AutoCloseable}; the first failure is thrown after all were tried, the others suppressed. */
    public static void closeAll(Iterable<?> resources) {
        RuntimeException failure = null;
        for (Object o : resources) {
            if (o instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) o).close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new HayloftException("closing the wrapped chat generators failed", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
