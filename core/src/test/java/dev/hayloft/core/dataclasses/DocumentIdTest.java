package dev.hayloft.core.dataclasses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hayloft.core.serde.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Document ids equal Haystack's (expected values from {@code document-ids/create_id.py}, a
 * re-derivation of Haystack 2.19's {@code _create_id}) and do not change between JVM runs.
 */
class DocumentIdTest {
    static final String NONPRINTABLE = "a\u00a0b\u200bc\u2028d\u0085e\ufeff\u0000\uD83D\uDE42\ue000\u00ad\u007f\u3000\u0378!";

    /** The documents of {@code create_id.py}, by case name. */
    static Map<String, Document> cases() {
        Map<String, Document> out = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("z", "x");
        c.put("y", 1e-5);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("b", 1);
        ordered.put("a", Arrays.asList(true, null, 0.1));
        ordered.put("c", c);
        out.put("ordered_meta", Document.of("test text", ordered));
        out.put("unordered_meta", Document.of("test text", Map.of("b", 1, "a", Arrays.asList(true, null, 0.1),
                "c", Map.of("z", "x", "y", 1e-5))));
        out.put("nonprintable_text", Document.of(NONPRINTABLE));
        Map<String, Object> np = new LinkedHashMap<>();
        np.put(NONPRINTABLE, NONPRINTABLE + "\udfff");
        np.put("quote", "it's \"q\"");
        out.put("nonprintable_meta", Document.of("x", np));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("n", BigInteger.TEN.pow(20));
        numbers.put("f", 1e16);
        numbers.put("neg", -0.0);
        out.put("blob_embedding_sparse", new Document(null, "",
                new ByteStream("\u0000it's\u00ff".getBytes(StandardCharsets.ISO_8859_1), Map.of(), "text/plain"),
                numbers, null, List.of(0.1, 1e-5, 2.0), new SparseEmbedding(List.of(0, 7), List.of(0.5, 1e20))));
        return out;
    }

    @Test
    void idsEqualHaystacks() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = DocumentIdTest.class.getResourceAsStream("/document-ids/ids.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t");
                expected.put(f[0], f[1]);
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        cases().forEach((name, doc) -> actual.put(name, doc.id()));
        assertEquals(expected, actual);
    }

    @Test
    void unorderedMetaIsKeptInTheOrderTheIdUses() {
        Document doc = cases().get("unordered_meta");
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(doc.meta().keySet()));
        assertEquals(List.of("y", "z"), new ArrayList<>(((Map<?, ?>) doc.meta().get("c")).keySet()));
        assertEquals(List.of("a", "b", "c", "id", "content", "blob", "score", "embedding", "sparse_embedding"),
                new ArrayList<>(doc.toDict().keySet()));
        Document again = Document.fromDict(Json.parseObject(Json.write(doc.toDict())));
        assertEquals(doc.id(), new Document(null, again.content(), null, again.meta(), null, null, null).id());
        Map<String, Object> hashed = new HashMap<>(doc.meta());
        assertEquals(doc.id(), Document.of("test text", hashed).id());
        assertNotEquals(doc.id(), cases().get("ordered_meta").id()); // insertion order counts, as in Python
    }

    @Test
    void idsAreTheSameInAnotherJvm() throws Exception {
        String here = DocumentIdMain.ids();
        for (String hashCode : List.of("2", "5")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=" + hashCode, "-cp", System.getProperty("java.class.path"),
                    DocumentIdMain.class.getName()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), out);
            assertEquals(here, out.strip());
        }
    }
}
