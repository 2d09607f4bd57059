package dev.hayloft.hf.local.internal.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hayloft.hf.local.internal.weights.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The tiny random T5 fixtures ({@link Fixtures#T5}, {@link Fixtures#FLAN_T5}), each assembled
 * once per test JVM in a temporary folder: the small JSON files of the test resources
 * ({@code models/NAME/}), {@code tokenizer.json} built by {@link #tokenizerJson}, and
 * {@code model.safetensors} regenerated from the seed and tensor spec
 * that {@code tiny-random-t5/make_reference.py} records in reference.json ({@code weights}: the
 * counter stream of {@link Qwen3Fixture#uniform}, {@code float32(base + scale * f)}, then the
 * listed rows scaled). The weights are a pure function of that spec, so they are not stored in
 * the repository; {@link Qwen3Fixture#weightsSha256} checks both sides made the same tensors.
 *
 * <pre>{@code
 * Path folder = T5Fixture.folder(Fixtures.FLAN_T5);   // what Fixtures.resourceModel returns for it
 * }</pre>
 */
public final class T5Fixture {
    private static final List<String> FILES = List.of("config.json", "generation_config.json", "reference.json",
            "special_tokens_map.json", "tokenizer_config.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();

    private T5Fixture() {
    }

    /** The assembled folder of fixture {@code name}, built on first use; do not modify it. */
    public static Path folder(String name) {
        return FOLDERS.computeIfAbsent(name, T5Fixture::assemble);
    }

    /** The tensors the {@code weights} node of a reference.json describes, in sorted name order. */
    public static List<SafetensorsWriter.Tensor> tensors(JsonNode weights) {
        long seed = weights.get("seed").asLong();
        Map<String, JsonNode> specs = new TreeMap<>();
        weights.get("tensors").fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue()));
        List<SafetensorsWriter.Tensor> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, JsonNode> e : specs.entrySet()) {
            JsonNode spec = e.getValue();
            long[] shape = new long[spec.get("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.get("shape").get(i).asLong();
                count *= shape[i];
            }
            double base = spec.get("base").asDouble();
            double scale = spec.get("scale").asDouble();
            float[] values = new float[Math.toIntExact(count)];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) (base + scale * Qwen3Fixture.uniform(seed, n, j));
            }
            JsonNode rows = spec.path("scaled_rows");
            int cols = Math.toIntExact(count / shape[0]);
            for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                int row = Integer.parseInt(r.getKey());
                float factor = (float) r.getValue().asDouble();
                for (int c = 0; c < cols; c++) {
                    values[row * cols + c] *= factor;
                }
            }
            out.add(new SafetensorsWriter.Tensor(e.getKey(), shape, values, DType.F32));
            n++;
        }
        return out;
    }

    /** The {@code weights} node of fixture {@code name}'s reference.json in the test resources. */
    public static JsonNode weights(String name) {
        return reference(name).get("weights");
    }

    private static JsonNode reference(String name) {
        try (InputStream in = resource(name, "reference.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The synthetic Unigram tokenizer.json the {@code tokenizer} node of a reference.json
     * describes: its template with the vocabulary built by the recorded rule (pieces in a fixed
     * order, each scored with the next value of the counter stream; exact binary fractions, so
     * both sides write the same numbers).
     */
    public static JsonNode tokenizerJson(JsonNode spec) {
        long seed = spec.get("seed").asLong();
        String meta = spec.get("meta").asText();
        ArrayNode vocab = MAPPER.createArrayNode();
        for (String special : List.of("<pad>", "</s>", "<unk>")) {
            vocab.addArray().add(special).add(0.0);
        }
        Set<String> seen = new HashSet<>();
        int[] draw = {0};
        BiConsumer<String, double[]> add = (piece, baseAndWidth) -> {
            double r = (Qwen3Fixture.uniform(seed, 0, draw[0]++) + 1.0) / 2.0;
            double score = baseAndWidth[0] - baseAndWidth[1] * r;
            if (seen.add(piece)) {
                vocab.addArray().add(piece).add(score);
            }
        };
        add.accept(meta, new double[] {-4.0, 1.0});
        for (JsonNode c : spec.get("chars")) {
            add.accept(c.asText(), new double[] {-9.0, 1.0});
            if (Character.isLetterOrDigit(c.asText().charAt(0))) {
                add.accept(meta + c.asText(), new double[] {-8.5, 1.0});
            }
        }
        for (JsonNode s : spec.get("subwords")) {
            add.accept(s.asText(), new double[] {-6.5, 1.0});
            add.accept(meta + s.asText(), new double[] {-7.0, 1.0});
        }
        for (JsonNode w : spec.get("words")) {
            add.accept(meta + w.asText(), new double[] {-4.5, 1.5});
        }
        ObjectNode tokenizer = spec.get("template").deepCopy();
        ((ObjectNode) tokenizer.get("model")).set("vocab", vocab);
        return tokenizer;
    }

    private static InputStream resource(String name, String file) {
        InputStream in = T5Fixture.class.getResourceAsStream("/models/" + name + "/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource models/" + name + "/" + file);
        }
        return in;
    }

    private static Path assemble(String name) {
        try {
            GeneratedFolder folder = GeneratedFolder.create(name, "/models/" + name + "/", FILES);
            JsonNode reference = reference(name);
            SafetensorsWriter.write(folder.file("model.safetensors"), tensors(reference.get("weights")));
            MAPPER.writeValue(folder.file("tokenizer.json").toFile(), tokenizerJson(reference.get("tokenizer")));
            return folder.dir();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
