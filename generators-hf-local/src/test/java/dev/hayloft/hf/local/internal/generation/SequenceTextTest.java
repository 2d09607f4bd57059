package dev.hayloft.hf.local.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.tokenizer.LocalTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceTextTest {

    /** Streams {@code ids} one by one; returns the deltas (the last element is what finish() returned). */
    private static List<String> stream(SequenceText text, int[] ids) {
        List<String> deltas = new ArrayList<>();
        for (int id : ids) {
            deltas.add(text.append(id));
            if (text.stopped()) {
                break;
            }
        }
        deltas.add(text.finish());
        return deltas;
    }

    @Test
    void byteFallbackTokensNeverStreamReplacementCharacters() {
        Path folder = Fixtures.folder(Fixtures.STORIES);
        try (LocalTokenizer tok = LocalTokenizer.load(folder, TokenizerSettings.read(folder), null)) {
            String sample = "naïve café — 日本 🙂 done";
            int[] ids = tok.encode(sample, false);
            Function<int[], String> decoder = x -> tok.decode(x, true);
            SequenceText text = new SequenceText(decoder, new int[] {1, 403}, List.of(), false);
            List<String> deltas = stream(text, ids);
            StringBuilder all = new StringBuilder();
            int nonEmpty = 0;
            for (String d : deltas) {
                assertFalse(d.contains("\uFFFD"), "delta with U+FFFD: " + deltas);
                all.append(d);
                nonEmpty += d.isEmpty() ? 0 : 1;
            }
            assertEquals(" " + sample, all.toString()); // "▁" of the first word decodes as a space after context
            assertEquals(all.toString(), text.text());
            assertTrue(nonEmpty > 5, "streamed in pieces: " + deltas);
            assertTrue(deltas.contains(""), "incomplete characters are held back: " + deltas);
        }
    }

    @Test
    void stopWordAcrossPiecesIsHeldBackThenCut() {
        // a fake decoder: each id is one character of the alphabet string
        String alphabet = "abcdefgh END";
        Function<int[], String> decoder = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append(alphabet.charAt(id));
            }
            return sb.toString();
        };
        SequenceText text = new SequenceText(decoder, new int[0], List.of("h E", "xyz"), false);
        int[] ids = {0, 1, 7, 8, 9, 10, 11};
        List<String> deltas = stream(text, ids);
        assertEquals(List.of("a", "b", "", "", "", ""), deltas); // "h" and "h " held back; "h E" stops
        assertTrue(text.stopped());
        assertEquals("ab", text.text());
        assertEquals(5, text.ids().size()); // a b h ' ' E: stopped at the completing token
    }

    @Test
    void heldBackTextIsReleasedWhenItCannotBecomeAStopWord() {
        Function<int[], String> decoder = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append((char) id);
            }
            return sb.toString();
        };
        SequenceText text = new SequenceText(decoder, new int[0], List.of("STOP"), false);
        List<String> deltas = stream(text, new int[] {'a', 'S', 'T', 'x', 'S'});
        assertEquals(List.of("a", "", "", "STx", "", "S"), deltas);
        assertFalse(text.stopped());
        assertEquals("aSTxS", text.text());
    }

    @Test
    void cleanUpPatternsAreHeldBackSoEarlierTextNeverChanges() {
        // with clean-up, " ." becomes "." : the trailing space must wait for the next token
        Function<int[], String> decoder = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append(id == 0 ? "Hi" : id == 1 ? " " : ".");
            }
            return LocalTokenizer.cleanUpTokenization(sb.toString());
        };
        SequenceText text = new SequenceText(decoder, new int[0], List.of(), true);
        List<String> deltas = stream(text, new int[] {0, 1, 2});
        assertEquals(List.of("Hi", "", ".", ""), deltas);
        assertEquals("Hi.", text.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.STORIES, Fixtures.QWEN2, Fixtures.GPT2})
    void eachStepDecodesOnlyTheTailAndTheTextEqualsAFullDecode(String model) {
        Path folder = Fixtures.folder(model);
        try (LocalTokenizer tok = LocalTokenizer.load(folder, TokenizerSettings.read(folder), null)) {
            String sample = "Once upon a time, naïve Lily — 日本 🙂 — went to the park . It 's fun ! ".repeat(30);
            int[] ids = tok.encode(sample, false);
            int[] context = tok.encode("The story begins.", true);
            long[] decoded = new long[1];
            Function<int[], String> decoder = x -> {
                decoded[0] += x.length;
                return tok.decode(x, true);
            };
            // the whole sample, and the sample cut in the middle of a multi-byte character
            int cjk = tok.encode("日本", false).length;
            for (int[] part : List.of(ids, java.util.Arrays.copyOf(ids, ids.length - 40 + cjk / 2))) {
                decoded[0] = 0;
                SequenceText text = new SequenceText(decoder, context, List.of("never appears"), tok.cleansUpSpaces());
                StringBuilder streamed = new StringBuilder();
                for (String d : stream(text, part)) {
                    streamed.append(d);
                }
                int[] all = new int[context.length + part.length];
                System.arraycopy(context, 0, all, 0, context.length);
                System.arraycopy(part, 0, all, context.length, part.length);
                String full = tok.decode(all, true).substring(tok.decode(context, true).length());
                assertEquals(streamed.toString(), text.text(), "the stream adds up to the text");
                if (part == ids) {
                    assertEquals(full, text.text(), "the text is a full decode's");
                }
                // linear: a bounded window per step (plus one full decode at the end), not the whole sequence
                assertTrue(part.length > 500, "long enough: " + part.length);
                assertTrue(decoded[0] < 8L * SequenceText.OVERLAP * part.length, decoded[0] + " tokens decoded for "
                        + part.length);
                assertTrue(text.fullDecodes() < 3, text.fullDecodes() + " full decodes");
            }
        }
    }
}
