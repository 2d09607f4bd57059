package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileInputTest {
    private static final PipelineSerializer LOADER = PipelineSerializer.builder()
            .registry(PipelineSerializerTest.REGISTRY).build();
    private static final String MARKER = "/tmp/hayloft-hostile-marker";

    private static DeserializationException refused(String yaml) {
        return assertThrows(DeserializationException.class, () -> LOADER.loads(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime", "java.lang.ProcessBuilder", "javax.script.ScriptEngineManager",
        "dev.hayloft.NoSuchComponent", "dev.hayloft.core.pipeline.Pipeline", "dev.hayloft.core.auth.TokenSecret"})
    void unknownAndNonComponentTypesAreRefused(String type) {
        DeserializationException e = refused("components:\n  evil:\n    type: " + type + "\n    init_parameters:\n"
                + "      command: [touch, " + MARKER + "]\nconnections: []\n");
        assertEquals("components.evil.type", e.path().orElseThrow());
        assertFalse(new File(MARKER).exists());
    }

    @Test
    void yamlTagsAreRefused() {
        DeserializationException e = refused("components:\n  evil: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/x.jar\"]]]]\n");
        assertTrue(e.getMessage().contains("javax.script.ScriptEngineManager"), e.getMessage());
        refused("a: !!java.io.File [\"" + MARKER + "\"]\n");
        refused("a: !custom {x: 1}\n");
    }

    @Test
    void aBillionLaughsAliasBombIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(sb.toString()));
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String flow = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        refused(flow);
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        refused(block.toString());
        assertThrows(DeserializationException.class, () -> JsonMarshaller.create()
                .unmarshal("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
    }

    @Test
    void oversizedDocumentsAreRefusedBeforeParsing() {
        String big = "metadata:\n  blob: \"" + "x".repeat(100 * 1024 * 1024) + "\"\n";
        DeserializationException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(big));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertThrows(DeserializationException.class, () -> LOADER.load(new java.io.StringReader(big)));
    }

    @Test
    void wrongValueTypesNameTheirPath() {
        DeserializationException e = refused("components:\n  holder:\n    type: " + SecretHolder.class.getName()
                + "\n    init_parameters:\n      retries: many\n");
        assertEquals("components.holder.init_parameters.retries", e.path().orElseThrow());
        DeserializationException runs = refused("max_runs_per_component: lots\ncomponents: {}\n");
        assertEquals("max_runs_per_component", runs.path().orElseThrow());
        DeserializationException conn = refused("components: {}\nconnections: [{sender: a.b}]\n");
        assertTrue(conn.path().orElseThrow().startsWith("connections[0]"), conn.path().orElseThrow());
    }

    @Test
    void tokenSecretsInTheFileAreRefusedWithoutEchoingThem() {
        DeserializationException e = refused("components:\n  holder:\n    type: " + SecretHolder.class.getName()
                + "\n    init_parameters:\n      api_key: {type: token, token: sk-live-abcdef0123456789}\n");
        assertEquals("components.holder.init_parameters.api_key", e.path().orElseThrow());
        assertFalse(e.getMessage().contains("sk-live"), e.getMessage());
    }

    /** 1,000 mutations of a valid document: each loads or fails with DeserializationException, none hangs. */
    @Test
    void generatedMalformedDocumentsOnlyEverFailWithOurException() {
        String valid = PipelineSerializer.builder().registry(PipelineSerializerTest.REGISTRY).build()
                .dumps(PipelineSerializerTest.everyCoreComponent());
        String json = PipelineSerializer.builder().registry(PipelineSerializerTest.REGISTRY)
                .marshaller(JsonMarshaller.create()).build().dumps(PipelineSerializerTest.everyCoreComponent());
        PipelineSerializer jsonLoader = PipelineSerializer.builder().registry(PipelineSerializerTest.REGISTRY)
                .marshaller(JsonMarshaller.create()).build();
        Random rnd = new Random(20261122);
        List<String> junk = List.of("!!", "&x", "*x", ":", "- ", "[", "]", "{", "}", "\"", "'", "\n  ", "#", "%",
                "null", "-1", "1e999", "~", "\t", "\u0000", "type: java.lang.Runtime", "<<: *x", "? ", "|", ">");
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            boolean useJson = i % 4 == 3;
            String doc = mutate(useJson ? json : valid, rnd, junk);
            PipelineSerializer loader = useJson ? jsonLoader : LOADER;
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> loader.loads(doc), "document " + i);
            } catch (DeserializationException expected) {
                failures++;
            } catch (RuntimeException | Error other) {
                throw new AssertionError("document " + i + " ended in " + other + ":\n" + doc, other);
            }
        }
        assertTrue(failures > 500, "the mutations were too gentle: only " + failures + " failed");
    }

    private static String mutate(String s, Random rnd, List<String> junk) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int pos = rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> sb.insert(pos, junk.get(rnd.nextInt(junk.size())));
                case 1 -> sb.delete(pos, Math.min(sb.length(), pos + 1 + rnd.nextInt(20)));
                case 2 -> sb.setLength(Math.min(sb.length(), pos));
                case 3 -> {
                    if (pos < sb.length()) {
                        sb.setCharAt(pos, (char) (32 + rnd.nextInt(95)));
                    }
                }
                default -> {
                    int from = rnd.nextInt(sb.length());
                    sb.insert(pos, sb.substring(from, Math.min(sb.length(), from + 30)));
                }
            }
            if (sb.length() == 0) {
                sb.append('x');
            }
        }
        return sb.toString();
    }
}
