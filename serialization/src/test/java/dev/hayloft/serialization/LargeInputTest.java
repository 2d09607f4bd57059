package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.pipeline.Pipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Big documents just below the default 10 MB limit load (no wall-clock assertions: the
 * numbers, measured on 2 cores, are in docs/serialization.md). Before the linear reader a 9 MB
 * quoted scalar took about 36 s of CPU; a regression would show as a test that hangs.
 */
class LargeInputTest {
    private static final int NINE_MB = 9 * 1024 * 1024;

    @Test
    @SuppressWarnings("unchecked")
    void nineMegabyteScalarsLoadInEveryStyle() {
        YamlMarshaller yaml = YamlMarshaller.create();
        String blob = "x".repeat(NINE_MB);
        for (String quote : new String[] {"\"", "'", ""}) {
            Map<String, Object> m = yaml.unmarshal("metadata:\n  blob: " + quote + blob + quote + "\n");
            assertEquals(NINE_MB, ((String) ((Map<String, Object>) m.get("metadata")).get("blob")).length(), quote);
        }
    }

    @Test
    void aNineMegabyteStringDumpsAndLoadsBack() {
        YamlMarshaller yaml = YamlMarshaller.create();
        String value = "tab\t and \u00e9 ".repeat(NINE_MB / 12 / 8); // escapes: dumps double-quoted
        String text = yaml.marshal(Map.of("v", value));
        assertEquals(value, yaml.unmarshal(text).get("v"));
    }

    @Test
    void twentyThousandComponentsLoad() {
        StringBuilder sb = new StringBuilder("components:\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("  c").append(i).append(":\n    init_parameters:\n      pattern: null\n")
                    .append("    type: haystack.components.builders.answer_builder.AnswerBuilder\n");
        }
        sb.append("connections: []\nmax_runs_per_component: 100\nmetadata: {}\n");
        String text = sb.toString();
        assertEquals(20_000, ((Map<?, ?>) YamlMarshaller.create().unmarshal(text).get("components")).size());
        Pipeline p = PipelineSerializer.builder().build().loads(text);
        assertEquals(20_000, ((Map<?, ?>) p.toDict().get("components")).size());
    }

    @Test
    void hugeNumbersAreBoundedAsInPython() {
        YamlMarshaller yaml = YamlMarshaller.create();
        // Python refuses decimal ints over 4,300 digits and base-60 floats past the float range;
        // a base-60 int that long, which Python would compute in quadratic time, is refused too
        assertThrows(DeserializationException.class, () -> yaml.unmarshal("v: " + "1".repeat(1_000_000) + "\n"));
        assertThrows(DeserializationException.class, () -> yaml.unmarshal("v: 1" + ":0".repeat(1_000_000) + "\n"));
        assertThrows(DeserializationException.class,
                () -> yaml.unmarshal("v: 1" + ":0".repeat(1_000_000) + ".5\n"));
        Object hex = yaml.unmarshal("v: 0x" + "f".repeat(1_000_000) + "\n").get("v");
        assertEquals(4_000_000, ((java.math.BigInteger) hex).bitLength());
    }

    @Test
    void theSizeLimitStillApplies() {
        String big = "a: \"" + "x".repeat(Limits.DEFAULT.maxChars()) + "\"\n";
        assertThrows(DeserializationException.class, () -> YamlMarshaller.create().unmarshal(big));
    }
}
