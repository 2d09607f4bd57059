package dev.hayloft.hf.local.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The PyTorch native library the runtime runs on, and its process-wide settings: which
 * flavour is on the class path ({@code native/lib/pytorch.properties} of a
 * {@code pytorch-native-*} jar, else {@code PYTORCH_FLAVOR}), the default device (the CPU for a
 * CPU flavour, decided without starting the engine; else the first GPU if one is visible),
 * and libtorch's intra-op thread count, which is one setting for the whole process.
 *
 * <pre>{@code
 * String device = Natives.defaultDevice();   // "cpu" with pytorch-native-cpu
 * Natives.setIntraOpThreads(4);              // every model in the JVM
 * }</pre>
 */
public final class Natives {
    private static final String PROPERTIES = "native/lib/pytorch.properties";

    private Natives() {
    }

    /** {@code cpu}, {@code cu128}, ...: the flavour of the natives on the class path, or null when unknown. */
    public static String flavor() {
        try (InputStream in = Natives.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String f = p.getProperty("flavor");
                if (f != null && !f.isBlank()) {
                    return f.trim().toLowerCase(Locale.ROOT);
                }
            }
        } catch (IOException ignored) {
            // fall back to the environment
        }
        String env = System.getenv("PYTORCH_FLAVOR");
        return env == null || env.isBlank() ? null : env.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The device a model goes to when none is given: {@code cpu} for CPU-only natives (the
     * engine is not started for this), else {@code cuda:0} when PyTorch sees a GPU, else {@code cpu}.
     */
    public static String defaultDevice() {
        String flavor = flavor();
        if (flavor != null && flavor.startsWith("cpu")) {
            return "cpu";
        }
        return Engines.gpuCount() > 0 ? "cuda:0" : "cpu";
    }

    /** Sets libtorch's intra-op thread count for the whole process (every model, every generator). */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        Engines.setIntraOpThreads(threads);
    }

    /** libtorch's current intra-op thread count (starts the engine). */
    public static int intraOpThreads() {
        return Engines.intraOpThreads();
    }
}
