package dev.hayloft.core.dataclasses;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints the ids of documents whose meta is given as {@code Map.of} with several keys (whose
 * iteration order depends on a per-JVM salt), for {@link DocumentIdTest}'s second JVM.
 *
 * <pre>{@code
 * java -cp <test classpath> dev.hayloft.core.dataclasses.DocumentIdMain
 * }</pre>
 */
public final class DocumentIdMain {
    private DocumentIdMain() {
    }

    static String ids() {
        StringJoiner out = new StringJoiner(" ");
        out.add(Document.of("a", Map.of("k1", 1, "k2", 2, "k3", 3, "k4", "four", "k5", List.of(5))).id());
        out.add(Document.of("b", Map.of("x", Map.of("p", 1, "q", 2, "r", Map.of("s", 1, "t", 2)), "y", true)).id());
        for (Map.Entry<String, Document> e : DocumentIdTest.cases().entrySet()) {
            out.add(e.getValue().id());
        }
        return out.toString();
    }

    public static void main(String[] args) {
        System.out.println(ids());
    }
}
