package dev.hayloft.hf.local;

import dev.hayloft.hf.local.internal.runtime.Natives;

/**
 * Process-wide settings of the in-process runtime (DJL's PyTorch engine), which are not per
 * generator because libtorch keeps them per process: the intra-op thread count (used by every
 * model and generator in the JVM; PyTorch's default is one thread per physical core, and
 * {@code OMP_NUM_THREADS} sets it before the engine starts), the native library's flavour and
 * the default device. See {@code docs/hf-local.md} for choosing the native artifact (CPU per
 * OS and architecture, or CUDA).
 *
 * <pre>{@code
 * LocalRuntime.setIntraOpThreads(4);           // once, at start-up: all local models use 4 threads
 * String flavor = LocalRuntime.nativeFlavor(); // "cpu"
 * String device = LocalRuntime.defaultDevice();// "cpu", or "cuda:0" with CUDA natives and a GPU
 * }</pre>
 */
public final class LocalRuntime {
    private LocalRuntime() {
    }

    /** Sets libtorch's intra-op thread count for the whole process; starts the engine. */
    public static void setIntraOpThreads(int threads) {
        Natives.setIntraOpThreads(threads);
    }

    /** libtorch's intra-op thread count; starts the engine. */
    public static int intraOpThreads() {
        return Natives.intraOpThreads();
    }

    /** The flavour of the PyTorch natives on the class path ({@code cpu}, {@code cu128}...), or null if unknown. */
    public static String nativeFlavor() {
        return Natives.flavor();
    }

    /** The device models load on when none is given ({@code cpu} or {@code cuda:0}). */
    public static String defaultDevice() {
        return Natives.defaultDevice();
    }
}
