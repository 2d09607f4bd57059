package dev.hayloft.core.answers;

import dev.hayloft.core.dataclasses.GeneratedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a batch: one {@link Item} per request, in the order of the requests, each
 * holding either the request's result or the error it failed with. A failing query never
 * loses the others' answers.
 *
 * <pre>{@code
 * AnswerBatch batch = answerer.runBatch(requests, BatchOptions.defaults());
 * for (AnswerBatch.Item failed : batch.failures()) {
 *     log.warn("query {} ({}) failed", failed.index(), failed.query(), failed.error());
 * }
 * List<List<GeneratedAnswer>> answers = batch.answers();   // empty lists for failed queries
 * }</pre>
 *
 * @param items one item per request, in request order
 */
public record AnswerBatch(List<Item> items) {
    public AnswerBatch {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * One request's outcome.
     *
     * @param index the request's position in the batch
     * @param query the request's query
     * @param result the result, or null when the request failed
     * @param error why the request failed, or null when it succeeded
     */
    public record Item(int index, String query, DocumentAnswerGenerator.Result result, Throwable error) {
        public Item {
            if ((result == null) == (error == null)) {
                throw new IllegalArgumentException("an item has either a result or an error");
            }
        }

        /** Whether the request succeeded. */
        public boolean succeeded() {
            return error == null;
        }

        /** The answers, or an empty list when the request failed. */
        public List<GeneratedAnswer> answers() {
            return result == null ? List.of() : result.answers();
        }
    }

    /** The answers per request, in request order (an empty list for a failed request). */
    public List<List<GeneratedAnswer>> answers() {
        List<List<GeneratedAnswer>> out = new ArrayList<>();
        items.forEach(i -> out.add(i.answers()));
        return out;
    }

    /** The failed requests, in request order. */
    public List<Item> failures() {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (!i.succeeded()) {
                out.add(i);
            }
        }
        return out;
    }

    /** How many requests succeeded. */
    public int succeeded() {
        return items.size() - failures().size();
    }
}
