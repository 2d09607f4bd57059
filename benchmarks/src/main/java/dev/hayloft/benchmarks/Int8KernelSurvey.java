package dev.hayloft.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the INT8 matrix-multiply kernels that libtorch 2.7.1 offers through TorchScript, on
 * the matrices of a Qwen2.5-0.5B-shaped model (24 layers of fused q/k/v, o, fused gate/up and
 * down projections, and the 151,936 x 896 head; random INT8 codes, per-row scales): the time
 * of all of them for one token (decode) and for 128 rows (prefill), against the INT8 bandwidth
 * bound measured in the same run, and each kernel's error on a 896-column product against the
 * exact product of the dequantized weights. The modules are written by
 * {@code benchmarks/src/kernels/make_int8_survey.py} (which says what each one does).
 *
 * <pre>{@code
 * /usr/bin/python3 benchmarks/src/kernels/make_int8_survey.py target/int8-survey
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.benchmarks.Int8KernelSurvey -Dexec.args="target/int8-survey"
 * }</pre>
 */
public final class Int8KernelSurvey {
    private static final long[][] LAYER = {{1152, 896}, {896, 896}, {9728, 896}, {896, 4864}};
    private static final long VOCAB = 151_936;

    private Int8KernelSurvey() {
    }

    /** A kernel module and how it is called. */
    private record Kernel(String name, PtSymbolBlock module, boolean packs) {
        /** Weight handle: the codes and scales, or the index of the packed copy. */
        Object prepare(NDManager m, NDArray codes, NDArray scales) {
            if (!packs) {
                return new NDArray[] {codes, scales};
            }
            try (NDArray id = call(m, -1, m.zeros(new Shape(1)), codes, scales)) {
                return id.toLongArray()[0];
            }
        }

        NDArray apply(NDManager m, NDArray x, Object weight) {
            if (weight instanceof NDArray[] cs) {
                return call(m, x, cs[0], cs[1]);
            }
            NDArray none = m.zeros(new Shape(1));
            return call(m, (Long) weight, x, none, none);
        }

        private NDArray call(NDManager m, long op, NDArray... a) {
            try (IValue o = IValue.from(op)) {
                IValue[] in = new IValue[a.length + 1];
                in[0] = o;
                for (int i = 0; i < a.length; i++) {
                    in[i + 1] = IValue.from((PtNDArray) a[i]);
                }
                return forward(m, in, 1);
            }
        }

        private NDArray call(NDManager m, NDArray... a) {
            IValue[] in = new IValue[a.length];
            for (int i = 0; i < a.length; i++) {
                in[i] = IValue.from((PtNDArray) a[i]);
            }
            return forward(m, in, 0);
        }

        private NDArray forward(NDManager m, IValue[] in, int firstOwned) {
            try (IValue out = module.forward(in)) {
                return out.toTensor((PtNDManager) m);
            } finally {
                for (int i = firstOwned; i < in.length; i++) {
                    in[i].close();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "target/int8-survey");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double bandwidth = LocalPrecisionBenchmark.bandwidthBytesPerSecond();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, Kernel> kernels = new LinkedHashMap<>();
            for (String name : List.of("wo", "intmm", "onednn", "fbdyn", "fbtwo", "fbsent")) {
                try (InputStream in = Files.newInputStream(dir.resolve(name + ".pt"))) {
                    PtSymbolBlock block = JniUtils.loadModule((PtNDManager) m, in, false, false);
                    JniUtils.enableInferenceMode(block);
                    kernels.put(name, new Kernel(name, block, !name.equals("wo") && !name.equals("intmm")));
                }
            }
            List<long[]> shapes = new ArrayList<>();
            for (int l = 0; l < 24; l++) {
                shapes.addAll(List.of(LAYER));
            }
            shapes.add(new long[] {VOCAB, 896});
            long weights = 0;
            List<NDArray[]> matrices = new ArrayList<>();
            for (long[] s : shapes) {
                NDArray codes = m.randomUniform(-127.49f, 127.49f, new Shape(s)).round().toType(DataType.INT8, false);
                matrices.add(new NDArray[] {codes, m.randomUniform(0.001f, 0.01f, new Shape(s[0]))});
                weights += s[0] * s[1];
            }
            double boundMs = weights / bandwidth * 1e3;
            System.out.printf("%d INT8 matrices, %.1f M weights; bandwidth %.1f GB/s; INT8 bound %.1f ms per token%n",
                    shapes.size(), weights / 1e6, bandwidth / 1e9, boundMs);
            System.out.printf("%-7s %10s %10s %9s %12s %12s%n", "kernel", "max err", "mean err", "decode", "% of bound",
                    "prefill 128");
            for (Kernel k : kernels.values()) {
                double[] err = error(m, k);
                List<Object> prepared = new ArrayList<>();
                for (NDArray[] cs : matrices) {
                    prepared.add(k.prepare(m, cs[0], cs[1]));
                }
                double decode = time(m, k, shapes, prepared, 1, rounds);
                double prefill = time(m, k, shapes, prepared, 128, Math.max(1, rounds / 2));
                System.out.printf("%-7s %10.2e %10.2e %6.1f ms %11.0f %% %9.0f ms%n", k.name(), err[0], err[1], decode,
                        100 * boundMs / decode, prefill);
            }
        }
    }

    /** Max and mean |y - exact| / max |exact| on a [4, 896] x [512, 896]^T product. */
    private static double[] error(NDManager m, Kernel k) {
        try (NDManager t = m.newSubManager()) {
            NDArray codes = t.randomUniform(-127.49f, 127.49f, new Shape(512, 896)).round().toType(DataType.INT8, false);
            NDArray scales = t.randomUniform(0.001f, 0.01f, new Shape(512));
            NDArray x = t.randomNormal(new Shape(4, 896));
            NDArray exact = Linear.linear(x.toType(DataType.FLOAT64, false),
                    codes.toType(DataType.FLOAT64, false).mul(scales.toType(DataType.FLOAT64, false).expandDims(1)))
                    .singletonOrThrow();
            NDArray y = k.apply(t, x, k.prepare(t, codes, scales)).toType(DataType.FLOAT64, false);
            NDArray d = y.sub(exact).abs().div(exact.abs().max());
            return new double[] {d.max().getDouble(), d.mean().getDouble()};
        }
    }

    /** Median time of one pass over all matrices with {@code rows} activation rows, in ms. */
    private static double time(NDManager m, Kernel k, List<long[]> shapes, List<Object> prepared, int rows, int rounds) {
        try (NDManager t = m.newSubManager()) {
            NDArray x896 = t.randomNormal(new Shape(rows, 896));
            NDArray x4864 = t.randomNormal(new Shape(rows, 4864));
            List<Double> ms = new ArrayList<>();
            for (int r = 0; r < rounds + 1; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < shapes.size(); i++) {
                    k.apply(t, shapes.get(i)[1] == 896 ? x896 : x4864, prepared.get(i)).close();
                }
                if (r > 0) { // the first pass warms up
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            }
            return LocalPrecisionBenchmark.median(ms);
        }
    }
}
