package dev.hayloft.hf.local.internal.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * All safetensors weights of a model folder: either a single {@code model.safetensors} or
 * a sharded checkpoint described by {@code model.safetensors.index.json} (whose
 * {@code weight_map} names the shard file of every tensor).
 *
 * <pre>{@code
 * try (WeightSource w = WeightSource.open(folder)) {
 *     TensorEntry e = w.entry("model.embed_tokens.weight");
 *     ByteBuffer bytes = w.map(e, 0, e.byteLength());
 * }
 * }</pre>
 */
public final class WeightSource implements AutoCloseable {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path folder;
    private final Map<String, TensorEntry> entries;
    private final Map<Path, SafetensorsFile> files;

    private WeightSource(Path folder, Map<String, TensorEntry> entries, Map<Path, SafetensorsFile> files) {
        this.folder = folder;
        this.entries = entries;
        this.files = files;
    }

    /** Opens the weights of {@code folder}, validating every header. */
    public static WeightSource open(Path folder) {
        Path single = folder.resolve(SINGLE_FILE);
        Path index = folder.resolve(INDEX_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile f = SafetensorsFile.open(single);
            Map<Path, SafetensorsFile> files = new LinkedHashMap<>();
            files.put(single, f);
            return new WeightSource(folder, f.entries(), files);
        }
        if (Files.isRegularFile(index)) {
            return openSharded(folder, index);
        }
        throw new ModelLoadException("No weights in " + folder + ": expected " + SINGLE_FILE + " or " + INDEX_FILE
                + " (only safetensors checkpoints are supported); the folder contains " + listing(folder));
    }

    private static WeightSource openSharded(Path folder, Path index) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read sharded checkpoint index " + index + ": " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new ModelLoadException("Sharded checkpoint index " + index + " has no 'weight_map' object");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelLoadException("Sharded checkpoint index " + index + ": weight_map entry '"
                        + e.getKey() + "' is not a file name");
            }
            weightMap.put(e.getKey(), e.getValue().asText());
        }
        Map<Path, SafetensorsFile> files = new LinkedHashMap<>();
        try {
            for (String shard : new TreeSet<>(weightMap.values())) {
                if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.equals("..")
                        || shard.equals(".")) {
                    throw new ModelLoadException("Sharded checkpoint index " + index + " names shard '" + shard
                            + "', which is not a file name inside the model folder");
                }
                Path p = folder.resolve(shard);
                if (!Files.isRegularFile(p)) {
                    throw new ModelLoadException("Sharded checkpoint index " + index + " names shard '" + shard
                            + "', which does not exist in " + folder);
                }
                files.put(p, SafetensorsFile.open(p));
            }
            Map<String, TensorEntry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsFile f = files.get(folder.resolve(e.getValue()));
                TensorEntry entry = f.entries().get(e.getKey());
                if (entry == null) {
                    throw new ModelLoadException("Sharded checkpoint index " + index + " maps tensor '" + e.getKey()
                            + "' to " + f.path().getFileName() + ", which does not contain it");
                }
                entries.put(e.getKey(), entry);
            }
            return new WeightSource(folder, Collections.unmodifiableMap(entries), files);
        } catch (RuntimeException e) {
            files.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /** The model folder. */
    public Path folder() {
        return folder;
    }

    /** Every tensor by name. */
    public Map<String, TensorEntry> entries() {
        return entries;
    }

    /** Whether a tensor called {@code name} exists. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The tensor called {@code name}, or a {@link ModelLoadException} naming it. */
    public TensorEntry entry(String name) {
        TensorEntry e = entries.get(name);
        if (e == null) {
            throw new ModelLoadException("Missing tensor '" + name + "' in the weights of " + folder);
        }
        return e;
    }

    /** The files the weights come from. */
    public List<Path> files() {
        return new ArrayList<>(files.keySet());
    }

    /** Maps part of a tensor's bytes read-only (see {@link SafetensorsFile#map(TensorEntry, long, long)}). */
    public ByteBuffer map(TensorEntry entry, long offset, long length) {
        SafetensorsFile f = files.get(entry.file());
        if (f == null) {
            throw new IllegalArgumentException("tensor " + entry.name() + " does not belong to " + folder);
        }
        return f.map(entry, offset, length);
    }

    /** Reads part of a tensor's bytes into {@code dst} (see {@link SafetensorsFile#read}). */
    public void read(TensorEntry entry, long offset, ByteBuffer dst) {
        SafetensorsFile f = files.get(entry.file());
        if (f == null) {
            throw new IllegalArgumentException("tensor " + entry.name() + " does not belong to " + folder);
        }
        f.read(entry, offset, dst);
    }

    @Override
    public void close() {
        files.values().forEach(SafetensorsFile::close);
    }

    private static String listing(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "nothing (it is not a directory)";
        }
        try (Stream<Path> s = Files.list(folder)) {
            Set<String> names = new TreeSet<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names.isEmpty() ? "no files" : names.toString();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
