package dev.hayloft.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a model folder shaped like Qwen2.5-0.5B-Instruct (24 layers, hidden 896, 14 heads
 * with 2 KV heads, intermediate 4864, vocabulary 151,936, tied embeddings, q/k/v biases) with
 * random weights (normal, std 0.02) as F32 or BF16 safetensors, plus the real Qwen2.5
 * tokenizer from {@code ../shared/tokenizers/qwen2_5}. Folders are reused when present.
 *
 * <pre>{@code
 * Path f32 = SyntheticModel.qwen25Shaped(Path.of("target/bench-models"), tokenizerDir, "F32");
 * }</pre>
 */
public final class SyntheticModel {
    static final int HIDDEN = 896;
    static final int LAYERS = 24;
    static final int HEADS = 14;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 64;
    static final int INTER = 4864;
    static final int VOCAB = 151936;

    private SyntheticModel() {
    }

    /** The folder for {@code dtype} ("F32" or "BF16") under {@code root}, written if missing. */
    public static Path qwen25Shaped(Path root, Path tokenizerDir, String dtype) throws IOException {
        Path dir = root.resolve("qwen2.5-0.5b-shaped-" + dtype.toLowerCase());
        if (Files.exists(dir.resolve("model.safetensors")) && Files.exists(dir.resolve("tokenizer.json"))) {
            return dir;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), config(dtype));
        Files.writeString(dir.resolve("generation_config.json"),
                "{\"bos_token_id\": 151643, \"eos_token_id\": 151645, \"do_sample\": false}\n");
        for (String f : List.of("tokenizer.json", "tokenizer_config.json")) {
            Files.copy(tokenizerDir.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path tmp = dir.resolve("model.safetensors.tmp");
        writeSafetensors(tmp, tensors(), dtype);
        Files.move(tmp, dir.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /** Parameter count of the model (the embedding counted once: it is tied). */
    public static long parameters() {
        long n = 0;
        for (long[] shape : tensors().values()) {
            long s = 1;
            for (long d : shape) {
                s *= d;
            }
            n += s;
        }
        return n;
    }

    private static String config(String dtype) {
        return "{\n  \"architectures\": [\"Qwen2ForCausalLM\"],\n  \"model_type\": \"qwen2\",\n"
                + "  \"hidden_size\": " + HIDDEN + ",\n  \"intermediate_size\": " + INTER + ",\n"
                + "  \"num_hidden_layers\": " + LAYERS + ",\n  \"num_attention_heads\": " + HEADS + ",\n"
                + "  \"num_key_value_heads\": " + KV_HEADS + ",\n  \"max_position_embeddings\": 32768,\n"
                + "  \"rms_norm_eps\": 1e-06,\n  \"rope_theta\": 1000000.0,\n  \"sliding_window\": 32768,\n"
                + "  \"use_sliding_window\": false,\n  \"tie_word_embeddings\": true,\n"
                + "  \"vocab_size\": " + VOCAB + ",\n  \"hidden_act\": \"silu\",\n  \"bos_token_id\": 151643,\n"
                + "  \"eos_token_id\": 151645,\n  \"torch_dtype\": \"" + (dtype.equals("BF16") ? "bfloat16" : "float32")
                + "\"\n}\n";
    }

    private static Map<String, long[]> tensors() {
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new long[] {VOCAB, HIDDEN});
        long q = (long) HEADS * HEAD_DIM;
        long kv = (long) KV_HEADS * HEAD_DIM;
        for (int i = 0; i < LAYERS; i++) {
            String p = "model.layers." + i + ".";
            t.put(p + "input_layernorm.weight", new long[] {HIDDEN});
            t.put(p + "self_attn.q_proj.weight", new long[] {q, HIDDEN});
            t.put(p + "self_attn.q_proj.bias", new long[] {q});
            t.put(p + "self_attn.k_proj.weight", new long[] {kv, HIDDEN});
            t.put(p + "self_attn.k_proj.bias", new long[] {kv});
            t.put(p + "self_attn.v_proj.weight", new long[] {kv, HIDDEN});
            t.put(p + "self_attn.v_proj.bias", new long[] {kv});
            t.put(p + "self_attn.o_proj.weight", new long[] {HIDDEN, q});
            t.put(p + "post_attention_layernorm.weight", new long[] {HIDDEN});
            t.put(p + "mlp.gate_proj.weight", new long[] {INTER, HIDDEN});
            t.put(p + "mlp.up_proj.weight", new long[] {INTER, HIDDEN});
            t.put(p + "mlp.down_proj.weight", new long[] {HIDDEN, INTER});
        }
        t.put("model.norm.weight", new long[] {HIDDEN});
        return t;
    }

    private static void writeSafetensors(Path file, Map<String, long[]> tensors, String dtype) throws IOException {
        int elem = dtype.equals("BF16") ? 2 : 4;
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long n = 1;
            StringBuilder shape = new StringBuilder();
            for (long d : e.getValue()) {
                n *= d;
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            long end = offset + n * elem;
            header.append(header.length() == 1 ? "" : ",").append('"').append(e.getKey()).append("\":{\"dtype\":\"")
                    .append(dtype).append("\",\"shape\":[").append(shape).append("],\"data_offsets\":[")
                    .append(offset).append(',').append(end).append("]}");
            ranges.add(new long[] {n});
            offset = end;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(42);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            len.flip();
            ch.write(len);
            ch.write(ByteBuffer.wrap(h));
            ByteBuffer block = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            int idx = 0;
            for (Map.Entry<String, long[]> e : tensors.entrySet()) {
                boolean norm = e.getKey().endsWith("layernorm.weight") || e.getKey().endsWith("norm.weight");
                for (long i = 0; i < ranges.get(idx)[0]; i++) {
                    float v = norm ? 1f : (float) (random.nextDouble(-1, 1) * 0.0346); // std 0.02, uniform
                    if (elem == 4) {
                        block.putFloat(v);
                    } else {
                        block.putShort((short) (Float.floatToIntBits(v) >>> 16));
                    }
                    if (!block.hasRemaining()) {
                        block.flip();
                        while (block.hasRemaining()) {
                            ch.write(block);
                        }
                        block.clear();
                    }
                }
                idx++;
            }
            block.flip();
            while (block.hasRemaining()) {
                ch.write(block);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
