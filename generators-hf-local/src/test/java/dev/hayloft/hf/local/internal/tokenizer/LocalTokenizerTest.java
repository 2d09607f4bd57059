package dev.hayloft.hf.local.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokenizerTest {

    private static LocalTokenizer load(String model) {
        Path folder = Fixtures.folder(model);
        return LocalTokenizer.load(folder, TokenizerSettings.read(folder), null);
    }

    @Test
    void storiesEncodingMatchesExpectedWithBosPrepended() {
        JsonNode expected = Fixtures.json(Fixtures.STORIES, "expected.json").get("encode");
        try (LocalTokenizer tok = load(Fixtures.STORIES)) {
            int checked = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int[] ids = tok.encode(e.getKey(), true);
                assertArrayEquals(Fixtures.ints(e.getValue()), ids, e.getKey());
                assertEquals(1, ids[0]);
                // without special tokens: the same ids minus BOS
                int[] plain = tok.encode(e.getKey(), false);
                assertEquals(ids.length - 1, plain.length);
                assertEquals(e.getKey(), tok.decode(ids, true), "round trip");
                checked++;
            }
            assertEquals(5, checked);
            assertEquals(1, tok.bosTokenId());
            assertEquals(2, tok.eosTokenId());
            assertNull(tok.padTokenId());
        }
    }

    @Test
    void longInputIsNotTruncatedTo512Tokens() {
        try (LocalTokenizer tok = load(Fixtures.STORIES)) {
            String text = "Once upon a time there was a cat. ".repeat(200);
            int[] ids = tok.encode(text, true);
            assertTrue(ids.length > 1500, "got " + ids.length);
            assertEquals(text.strip(), tok.decode(ids, true).strip());
        }
    }

    @Test
    void byteFallbackDecodesMultiByteCharactersOnlyWhenComplete() {
        try (LocalTokenizer tok = load(Fixtures.STORIES)) {
            int[] ids = tok.encode("日本", false);
            assertTrue(ids.length > 2, "byte fallback expected");
            String partial = tok.decode(java.util.Arrays.copyOf(ids, ids.length - 1), true);
            assertTrue(partial.endsWith("\uFFFD"), partial);
            assertEquals("日本", tok.decode(ids, true));
        }
    }

    @Test
    void qwenAndGpt2MatchReferenceTokenIdsAndDecoding() {
        for (String model : new String[] {Fixtures.QWEN2, Fixtures.GPT2}) {
            JsonNode ref = Fixtures.json(model, "reference.json");
            try (LocalTokenizer tok = load(model)) {
                for (JsonNode c : ref.get("cases")) {
                    String prompt = c.get("prompt").asText();
                    int[] expected = Fixtures.ints(c.get("input_ids"));
                    assertArrayEquals(expected, tok.encode(prompt, true), model + " " + c.get("name"));
                    assertEquals(c.get("decoded_prompt").asText(), tok.decodeRaw(expected, false));
                    int[] all = concat(expected, Fixtures.ints(c.get("greedy").get("new_ids")));
                    assertEquals(c.get("greedy").get("full_text").asText(), tok.decodeRaw(all, false));
                    assertEquals(c.get("greedy").get("text").asText(),
                            tok.decodeRaw(Fixtures.ints(c.get("greedy").get("new_ids")), false));
                }
                for (JsonNode c : ref.get("tokenizer_cases")) {
                    int[] expected = Fixtures.ints(c.get("input_ids"));
                    assertArrayEquals(expected, tok.encode(c.get("text").asText(), true), model + " " + c.get("text"));
                    assertEquals(c.get("decoded").asText(), tok.decodeRaw(expected, false));
                }
            }
        }
    }

    @Test
    void gpt2AppliesTransformersCleanUpOnlyWhenConfigured() {
        Path folder = Fixtures.folder(Fixtures.GPT2);
        TokenizerSettings settings = TokenizerSettings.read(folder);
        assertTrue(settings.cleanUpTokenizationSpaces());
        try (LocalTokenizer tok = LocalTokenizer.load(folder, settings, null);
             LocalTokenizer raw = LocalTokenizer.load(folder, settings, false)) {
            int[] ids = tok.encode("Hello , world . I do n't know", false);
            assertEquals("Hello, world. I don't know", tok.decode(ids, true));
            assertEquals("Hello , world . I do n't know", raw.decode(ids, true));
            assertFalse(raw.cleansUpSpaces());
        }
    }

    @Test
    void qwenSpecialTokensAreSingleIdsAndSkippable() {
        try (LocalTokenizer tok = load(Fixtures.QWEN2)) {
            assertEquals(151645, tok.eosTokenId());
            assertEquals(151643, tok.padTokenId());
            assertNull(tok.bosTokenId());
            int[] ids = tok.encode("<|im_start|>user\nHi<|im_end|>", true);
            assertEquals(151644, ids[0]);
            assertEquals("user\nHi", tok.decode(ids, true));
        }
    }

    @Test
    void explicitAddBosTokenFalseOverridesThePostProcessor(@TempDir Path dir) throws Exception {
        Path src = Fixtures.folder(Fixtures.STORIES);
        Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        String config = Files.readString(src.resolve("tokenizer_config.json"))
                .replace("\"add_bos_token\": true", "\"add_bos_token\": false");
        Files.writeString(dir.resolve("tokenizer_config.json"), config);
        try (LocalTokenizer tok = LocalTokenizer.load(dir, TokenizerSettings.read(dir), null)) {
            assertArrayEquals(new int[] {403, 407, 261, 378}, tok.encode("Once upon a time", true));
        }
        // without tokenizer_config.json the tokenizer.json post-processor adds BOS
        Files.delete(dir.resolve("tokenizer_config.json"));
        try (LocalTokenizer tok = LocalTokenizer.load(dir, TokenizerSettings.read(dir), null)) {
            assertArrayEquals(new int[] {1, 403, 407, 261, 378}, tok.encode("Once upon a time", true));
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
