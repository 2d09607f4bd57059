package dev.hayloft.hf.local.internal.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.hf.local.internal.weights.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tiny random Qwen3 fixture, assembled once per test JVM in a temporary folder: config,
 * generation config and reference.json from the test resources
 * ({@code models/tiny-random-qwen3/}), the real Qwen3 tokenizer from the shared fixtures
 * ({@code tokenizers/qwen3}), and {@code model.safetensors} regenerated from the seeded counter
 * stream that {@code make_reference.py} defines (the weights are a pure function of the seed, so
 * they are not stored in the repository; {@link #weightsSha256} lets a test check both sides made
 * the same tensors).
 *
 * <pre>{@code
 * Path folder = Qwen3Fixture.folder();   // what Fixtures.folder(Fixtures.QWEN3) returns
 * }</pre>
 */
public final class Qwen3Fixture {
    private static final String RESOURCES = "/models/tiny-random-qwen3/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The assembled folder, built on first use. */
    private static final class Holder {
        static final Path FOLDER = assemble();
    }

    private Qwen3Fixture() {
    }

    /** The fixture folder (a loadable model); do not modify it. */
    public static Path folder() {
        SharedFixtures.require("tokenizers/qwen3"); // skip (or fail on CI) before building anything
        return Holder.FOLDER;
    }

    /** The tensors, in sorted name order, as make_reference.py generates them. */
    public static List<SafetensorsWriter.Tensor> tensors(JsonNode config) {
        long seed = resourceJson("reference.json").get("weights").get("seed").asLong();
        List<SafetensorsWriter.Tensor> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, long[]> e : shapes(config).entrySet()) {
            String name = e.getKey();
            long count = 1;
            for (long d : e.getValue()) {
                count *= d;
            }
            float[] values = new float[Math.toIntExact(count)];
            for (int j = 0; j < values.length; j++) {
                double f = uniform(seed, n, j);
                double v;
                if (name.endsWith("q_norm.weight") || name.endsWith("k_norm.weight")) {
                    v = 1.0 + f / 4.0;
                } else if (name.endsWith("norm.weight")) {
                    v = 1.0 + f / 16.0;
                } else {
                    v = f * 0.5;
                }
                values[j] = (float) v;
            }
            out.add(new SafetensorsWriter.Tensor(name, e.getValue(), values, DType.F32));
            n++;
        }
        return out;
    }

    /** SHA-256 over the little-endian float32 data of {@code tensors}, as reference.json records it. */
    public static String weightsSha256(List<SafetensorsWriter.Tensor> tensors) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SafetensorsWriter.Tensor t : tensors) {
                ByteBuffer b = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON file of the fixture's test resources. */
    public static JsonNode resourceJson(String file) {
        try (InputStream in = Qwen3Fixture.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCES + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, long[]> shapes(JsonNode c) {
        long h = c.get("hidden_size").asLong();
        long d = c.get("head_dim").asLong();
        long inter = c.get("intermediate_size").asLong();
        long q = c.get("num_attention_heads").asLong() * d;
        long kv = c.get("num_key_value_heads").asLong() * d;
        Map<String, long[]> m = new TreeMap<>();
        m.put("model.embed_tokens.weight", new long[] {c.get("vocab_size").asLong(), h});
        m.put("model.norm.weight", new long[] {h});
        for (int i = 0; i < c.get("num_hidden_layers").asInt(); i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new long[] {h});
            m.put(p + "post_attention_layernorm.weight", new long[] {h});
            m.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            m.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            m.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            m.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            m.put(p + "self_attn.q_norm.weight", new long[] {d});
            m.put(p + "self_attn.k_norm.weight", new long[] {d});
            m.put(p + "mlp.gate_proj.weight", new long[] {inter, h});
            m.put(p + "mlp.up_proj.weight", new long[] {inter, h});
            m.put(p + "mlp.down_proj.weight", new long[] {h, inter});
        }
        return m;
    }

    /**
     * Value j of the n-th tensor of the counter stream both sides compute, in [-1, 1): the 24
     * high bits of SplitMix64's finaliser on {@code seed + 0x9E3779B97F4A7C15 * ((n << 32 | j) + 1)}.
     */
    static double uniform(long seed, int n, int j) {
        long z = mix64(seed + GOLDEN * ((((long) n) << 32 | j) + 1));
        return ((double) (z >>> 40) - 8388608.0) / 8388608.0;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Path assemble() {
        try {
            GeneratedFolder folder = GeneratedFolder.create("tiny-random-qwen3", RESOURCES,
                    List.of("config.json", "generation_config.json", "reference.json"));
            Path tokenizer = SharedFixtures.require("tokenizers/qwen3");
            for (String file : List.of("tokenizer.json", "tokenizer_config.json")) {
                Files.copy(tokenizer.resolve(file), folder.file(file));
            }
            JsonNode config = MAPPER.readTree(folder.dir().resolve("config.json").toFile());
            SafetensorsWriter.write(folder.file("model.safetensors"), tensors(config));
            return folder.dir();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
