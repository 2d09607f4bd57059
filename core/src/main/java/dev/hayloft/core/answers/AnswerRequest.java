package dev.hayloft.core.answers;

import dev.hayloft.core.dataclasses.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of a batch ({@link DocumentAnswerGenerator#runBatch(List, BatchOptions)}) with the
 * documents to answer it from, most relevant first.
 *
 * <pre>{@code
 * List<AnswerRequest> batch = List.of(
 *         new AnswerRequest("Who wrote Emma?", List.of(Document.of("Emma is a novel by Jane Austen."))),
 *         new AnswerRequest("Where is Rome?", retriever.retrieve("Where is Rome?")));
 * }</pre>
 *
 * @param query the question
 * @param documents the documents (empty for none)
 */
public record AnswerRequest(String query, List<Document> documents) {
    public AnswerRequest {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (documents == null) {
            documents = List.of();
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) == null) {
                throw new IllegalArgumentException("documents[" + i + "] must not be null");
            }
        }
        documents = List.copyOf(documents);
    }

    /** One request per query, all with the same {@code documents} (Haystack 1.x's {@code run_batch} with one list). */
    public static List<AnswerRequest> of(List<String> queries, List<Document> documents) {
        if (queries == null) {
            throw new IllegalArgumentException("queries must not be null");
        }
        List<Document> docs = documents == null ? List.of() : List.copyOf(documents);
        ArrayList<AnswerRequest> out = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i) == null) {
                throw new IllegalArgumentException("queries[" + i + "] must not be null");
            }
            out.add(new AnswerRequest(queries.get(i), docs));
        }
        return out;
    }
}
