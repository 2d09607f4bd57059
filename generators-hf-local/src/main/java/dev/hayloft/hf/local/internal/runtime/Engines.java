package dev.hayloft.hf.local.internal.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.hayloft.core.errors.ModelLoadException;

/**
 * Starts DJL's PyTorch engine and maps {@link DeviceSpec}s to DJL devices. Package-private
 * plumbing of {@link LocalModel}: no DJL type leaves this package.
 *
 * <pre>{@code
 * Device device = Engines.resolve(null);   // first GPU if one is visible, else the CPU
 * }</pre>
 */
final class Engines {
    static final String ENGINE = "PyTorch";

    private Engines() {
    }

    /** The PyTorch engine, loading its native library on first use. */
    static Engine pytorch() {
        // DJL downloads natives and probes the network unless told not to; Hayloft loads the natives
        // from the Maven jars, so offline mode is the default unless the user decided otherwise
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new ModelLoadException("Cannot start DJL's PyTorch engine (native libraries from the "
                    + "pytorch-native-* jar on the classpath; set -Dai.djl.offline=true to forbid downloads): "
                    + e.getMessage(), e);
        }
    }

    /** Number of CUDA GPUs the engine sees. */
    static int gpuCount() {
        return pytorch().getGpuCount();
    }

    /**
     * The DJL device for {@code spec}; {@code null} means the first GPU when one is visible,
     * else the CPU. A GPU that is not visible fails with a {@link ModelLoadException}.
     */
    static Device resolve(DeviceSpec spec) {
        int gpus = gpuCount();
        if (spec == null) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (!spec.gpu()) {
            return Device.cpu();
        }
        if (spec.index() >= gpus) {
            throw new ModelLoadException("Device " + spec + " was requested but " + (gpus == 0
                    ? "no CUDA GPU is visible to PyTorch (the CPU-only native library may be on the classpath)"
                    : "only " + gpus + " GPU(s) are visible"));
        }
        return Device.gpu(spec.index());
    }

    /** Sets PyTorch's intra-op thread count; this is process-wide in libtorch. */
    static void setIntraOpThreads(int threads) {
        pytorch();
        JniUtils.setNumThreads(threads);
    }

    /** PyTorch's current intra-op thread count. */
    static int intraOpThreads() {
        pytorch();
        return JniUtils.getNumThreads();
    }
}
