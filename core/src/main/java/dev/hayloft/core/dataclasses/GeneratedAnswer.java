package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An answer produced by a generator for a query, with the documents it was grounded in.
 * Built by {@code AnswerBuilder}. Serialises in Haystack's shape
 * {@code {"type": "haystack.dataclasses.answer.GeneratedAnswer", "init_parameters": {...}}}.
 *
 * <pre>{@code
 * GeneratedAnswer a = new GeneratedAnswer("Paris", "Capital of France?", List.of(doc), Map.of());
 * }</pre>
 *
 * @param data the answer text
 * @param query the question
 * @param documents the documents the answer refers to
 * @param meta metadata (for chat replies also {@code all_messages})
 */
public record GeneratedAnswer(String data, String query, List<Document> documents, Map<String, Object> meta) {
    /** The type name Haystack writes for this class. */
    public static final String TYPE = "haystack.dataclasses.answer.GeneratedAnswer";

    public GeneratedAnswer {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents == null ? List.of() : documents);
        meta = JsonValues.immutableMap(meta);
    }

    /** {@code {"type", "init_parameters": {"data", "query", "documents", "meta"}}}. */
    public Map<String, Object> toDict() {
        List<Object> docs = new ArrayList<>();
        for (Document d : documents) {
            docs.add(d.toDict(false));
        }
        Map<String, Object> metaOut = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            Object v = e.getValue();
            if ("all_messages".equals(e.getKey()) && v instanceof List && !((List<?>) v).isEmpty()
                    && ((List<?>) v).get(0) instanceof ChatMessage) {
                List<Object> msgs = new ArrayList<>();
                for (Object m : (List<?>) v) {
                    msgs.add(((ChatMessage) m).toDict());
                }
                v = msgs;
            }
            metaOut.put(e.getKey(), v);
        }
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("data", data);
        init.put("query", query);
        init.put("documents", docs);
        init.put("meta", JsonValues.mutableMap(metaOut));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("init_parameters", init);
        return m;
    }

    /** Reads the shape written by {@link #toDict()} (and by Haystack). */
    public static GeneratedAnswer fromDict(Map<String, ?> dict) {
        DictReader root = DictReader.of(dict, "");
        DictReader r = root.child("init_parameters");
        List<Document> docs = r.optionalListOf("documents", (d, i) -> Document.fromDict(d));
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> rawMeta = r.optionalMap("meta");
        if (rawMeta != null) {
            meta.putAll(rawMeta);
        }
        Object all = meta.get("all_messages");
        if (all instanceof List && !((List<?>) all).isEmpty() && ((List<?>) all).get(0) instanceof Map) {
            DictReader mr = r.child("meta");
            meta.put("all_messages", mr.optionalListOf("all_messages", (m, i) -> ChatMessage.fromDict(m)));
        }
        return new GeneratedAnswer(r.requireString("data"), r.requireString("query"), docs, meta);
    }
}
