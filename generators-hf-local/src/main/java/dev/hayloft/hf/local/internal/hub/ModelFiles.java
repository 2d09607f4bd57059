package dev.hayloft.hf.local.internal.hub;

import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The files a model needs from its repository, as transformers' {@code from_pretrained} asks
 * for them: {@code config.json} (required); the generation config, tokenizer and chat-template
 * files when present; and the weights, {@code model.safetensors} or
 * {@code model.safetensors.index.json} with every shard its {@code weight_map} names.
 *
 * <pre>{@code
 * List<String> shards = ModelFiles.shards(snapshot.resolve(ModelFiles.INDEX));
 * }</pre>
 */
final class ModelFiles {
    static final String CONFIG = "config.json";
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";
    /** Fetched when the repository has them; a 404 is recorded in {@code .no_exist}. */
    static final List<String> OPTIONAL = List.of("generation_config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "chat_template.jinja");

    private ModelFiles() {
    }

    /** The shard file names of a sharded checkpoint's index, sorted, each a plain file name. */
    static List<String> shards(Path index) throws IOException {
        Object map;
        try {
            map = Json.parseObject(Files.readString(index)).get("weight_map");
        } catch (IllegalArgumentException e) {
            throw new IOException(INDEX + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(map instanceof Map) || ((Map<?, ?>) map).isEmpty()) {
            throw new IOException(INDEX + " has no 'weight_map' object");
        }
        TreeSet<String> out = new TreeSet<>();
        for (Object v : ((Map<?, ?>) map).values()) {
            if (!(v instanceof String) || ((String) v).isEmpty() || ((String) v).contains("/")
                    || ((String) v).contains("\\") || ((String) v).startsWith(".")) {
                throw new IOException(INDEX + " names a shard '" + v + "' that is not a plain file name");
            }
            out.add((String) v);
        }
        return List.copyOf(out);
    }

    /**
     * Why the snapshot at {@code commit} cannot be used as a model, or null when it has the
     * config and complete weights.
     */
    static String incomplete(HubCache cache, RepoRef ref, String commit) {
        if (!cache.hasFile(ref, commit, CONFIG)) {
            return "its snapshot " + commit + " has no " + CONFIG;
        }
        if (cache.hasFile(ref, commit, SINGLE)) {
            return null;
        }
        if (!cache.hasFile(ref, commit, INDEX)) {
            return "its snapshot " + commit + " has no " + SINGLE + " or " + INDEX;
        }
        try {
            for (String shard : shards(cache.pointer(ref, commit, INDEX))) {
                if (!cache.hasFile(ref, commit, shard)) {
                    return "its snapshot " + commit + " lacks the shard " + shard;
                }
            }
        } catch (IOException e) {
            return "its snapshot " + commit + " has an unreadable " + INDEX + " (" + e.getMessage() + ")";
        }
        return null;
    }
}
