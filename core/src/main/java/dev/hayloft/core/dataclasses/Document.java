package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.templates.Python;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A piece of data to ground a generation in: text {@code content}, an optional binary
 * {@code blob}, metadata, a retrieval {@code score} and embeddings.
 *
 * <p>When no id is given, the id is the same SHA-256 that Haystack computes from the fields,
 * so documents keep their ids across Python and Java. The id hashes Python's text of {@code meta},
 * which depends on the order of its keys: {@code meta} keeps the order of the map it is given
 * (insertion order for a {@code LinkedHashMap} or anything read from JSON or YAML), and a map
 * whose order comes from hashing ({@code Map.of}, {@code HashMap}...) is put in the fixed order
 * of {@link Python#dictItems} (keys sorted), at every level. {@code meta()} and {@link #toDict()}
 * have that same order, so the same document has the same id in every JVM run. {@link #toDict()} flattens {@code meta}
 * into the top level by default, as Haystack does.
 *
 * <pre>{@code
 * Document doc = Document.of("Paris is the capital of France.", Map.of("source", "wiki"));
 * String id = doc.id();
 * }</pre>
 *
 * @param id unique id; computed from the other fields when null or empty
 * @param content the text, or null
 * @param blob binary data, or null
 * @param meta metadata
 * @param score retrieval score, or null
 * @param embedding dense vector, or null
 * @param sparseEmbedding sparse vector, or null
 */
public record Document(String id, String content, ByteStream blob, Map<String, Object> meta, Double score,
        List<Double> embedding, SparseEmbedding sparseEmbedding) {

    private static final Set<String> FIELDS = Set.of("id", "content", "blob", "meta", "score", "embedding",
            "sparse_embedding");
    private static final Set<String> LEGACY_FIELDS = Set.of("content_type", "id_hash_keys", "dataframe");

    public Document {
        meta = JsonValues.immutableMap(meta);
        embedding = embedding == null ? null : List.copyOf(embedding);
        if (id == null || id.isEmpty()) {
            id = createId(content, blob, meta, embedding, sparseEmbedding);
        }
    }

    /** A text document. */
    public static Document of(String content) {
        return new Document(null, content, null, Map.of(), null, null, null);
    }

    /** A text document with metadata. */
    public static Document of(String content, Map<String, Object> meta) {
        return new Document(null, content, null, meta, null, null, null);
    }

    /** A copy with another score (e.g. set by a retriever or ranker). */
    public Document withScore(Double newScore) {
        return new Document(id, content, blob, meta, newScore, embedding, sparseEmbedding);
    }

    /**
     * Haystack's {@code _create_id}: SHA-256 of
     * {@code f"{text}{dataframe}{blob!r}{mime_type}{meta}{embedding}{sparse_embedding}"}, where an empty
     * text is None, dataframe is always None, and a missing sparse embedding is the empty string.
     */
    private static String createId(String content, ByteStream blob, Map<String, Object> meta, List<Double> embedding,
            SparseEmbedding sparse) {
        String data = Python.str(content == null || content.isEmpty() ? null : content) + "None"
                + Python.repr(blob == null ? null : blob.data())
                + Python.str(blob == null ? null : blob.mimeType())
                + Python.str(meta)
                + Python.str(embedding)
                + (sparse == null ? "" : Python.str(sparse.toDict()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Haystack's flattened shape: meta keys first, then the fields. */
    public Map<String, Object> toDict() {
        return toDict(true);
    }

    /** Haystack's shape; {@code flatten=false} keeps {@code meta} as a nested field. */
    public Map<String, Object> toDict(boolean flatten) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("content", content);
        fields.put("blob", blob == null ? null : blob.toDict());
        if (!flatten) {
            fields.put("meta", JsonValues.mutableMap(meta));
        }
        fields.put("score", score);
        fields.put("embedding", embedding == null ? null : new ArrayList<>(embedding));
        fields.put("sparse_embedding", sparseEmbedding == null ? null : sparseEmbedding.toDict());
        if (!flatten) {
            return fields;
        }
        Map<String, Object> out = JsonValues.mutableMap(meta);
        out.putAll(fields);
        return out;
    }

    /** Reads Haystack's shape, flattened or not; Haystack 1.x legacy fields are ignored. */
    public static Document fromDict(Map<String, ?> data) {
        return fromDict(DictReader.of(data, ""));
    }

    /** Reads Haystack's shape at a path. */
    public static Document fromDict(DictReader r) {
        Map<String, Object> meta = r.optionalMap("meta");
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.map().entrySet()) {
            if (!FIELDS.contains(e.getKey()) && !LEGACY_FIELDS.contains(e.getKey())) {
                flat.put(e.getKey(), e.getValue());
            }
        }
        if (meta != null && !meta.isEmpty() && !flat.isEmpty()) {
            throw r.error(null, "You can pass either the 'meta' field or flattened metadata keys, but not both "
                    + "(flattened keys: " + flat.keySet() + ")", null);
        }
        Map<String, Object> allMeta = new LinkedHashMap<>();
        if (meta != null) {
            allMeta.putAll(meta);
        }
        allMeta.putAll(flat);
        List<Double> embedding = null;
        List<Object> raw = r.optionalList("embedding");
        if (raw != null) {
            embedding = new ArrayList<>(raw.size());
            for (Object o : raw) {
                if (!(o instanceof Number)) {
                    throw r.error("embedding", "embedding values must be numbers", null);
                }
                embedding.add(((Number) o).doubleValue());
            }
        }
        return new Document(r.string("id", null), r.string("content", null),
                r.raw("blob") == null ? null : ByteStream.fromDict(r.child("blob")), allMeta,
                r.optionalDouble("score"), embedding,
                r.raw("sparse_embedding") == null ? null : SparseEmbedding.fromDict(r.child("sparse_embedding")));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Document(id=").append(id);
        if (content != null) {
            sb.append(", content: '").append(content.length() < 100 ? content : content.substring(0, 100) + "...")
                    .append('\'');
        }
        if (blob != null) {
            sb.append(", blob: ").append(blob.data().length).append(" bytes");
        }
        if (!meta.isEmpty()) {
            sb.append(", meta: ").append(meta);
        }
        if (score != null) {
            sb.append(", score: ").append(score);
        }
        if (embedding != null) {
            sb.append(", embedding: vector of size ").append(embedding.size());
        }
        return sb.append(')').toString();
    }
}
