package dev.hayloft.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which credential shapes are masked, and how a stand-in cause mirrors the original. */
class ScrubberTest {
    private static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void credentialShapesAreMasked() {
        assertEquals("Incorrect API key provided: ***.", Scrubber.scrub("Incorrect API key provided: "
                + "sk-" + "proj-abcDEF123_xyz.", null));
        assertEquals("Authorization: Bearer ***", Scrubber.scrub("Authorization: Bearer eyJhbGciOi.JIUzI1-NiJ9", null));
        assertEquals("headers {api-key: ***}", Scrubber.scrub("headers {api-key: " + AZURE_KEY + "}", null));
        assertEquals("{\"api_key\": \"***\"}", Scrubber.scrub("{\"api_key\": \"" + AZURE_KEY + "\"}", null));
        assertEquals("key sk-***", Scrubber.scrub("key sk-live-0123456789", null));
        assertEquals("token hf_*** rejected", Scrubber.scrub("token hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz01234567 rejected",
                null));
        assertEquals("provider hf_inference_x", Scrubber.scrub("provider hf_inference_x", null));
        assertEquals("the key *** was refused", Scrubber.scrub("the key " + AZURE_KEY + " was refused", AZURE_KEY));
        assertEquals("nothing secret here: max_tokens=5", Scrubber.scrub("nothing secret here: max_tokens=5", null));
        assertNull(Scrubber.scrub(null, AZURE_KEY));
    }

    @Test
    void aBodyCutInTheMiddleOfTheKeyLeavesNoPrefixOfIt() {
        String cut = "proxy said: bad key " + AZURE_KEY.substring(0, 20);
        String scrubbed = Scrubber.scrub(cut, AZURE_KEY);
        assertFalse(scrubbed.contains(AZURE_KEY.substring(0, 8)), scrubbed);
        assertTrue(scrubbed.startsWith("proxy said: bad key "), scrubbed);
    }

    @Test
    void aStandInKeepsClassStackCausesAndSuppressed() {
        IOException io = new IOException("reset by peer while sending Bearer " + AZURE_KEY);
        UncheckedIOException outer = new UncheckedIOException("write failed for api-key=" + AZURE_KEY, io);
        outer.addSuppressed(new IllegalStateException("closing with key " + AZURE_KEY));
        ScrubbedCause s = (ScrubbedCause) ScrubbedCause.of(outer, AZURE_KEY);

        assertEquals("java.io.UncheckedIOException", s.originalClassName());
        assertTrue(s.toString().startsWith("java.io.UncheckedIOException: write failed for api-key=***"), s.toString());
        assertEquals(outer.getStackTrace().length, s.getStackTrace().length);
        assertEquals(outer.getStackTrace()[0], s.getStackTrace()[0]);
        assertEquals("java.io.IOException: reset by peer while sending Bearer ***", s.getCause().toString());
        assertEquals(1, s.getSuppressed().length);
        assertEquals("java.lang.IllegalStateException: closing with key ***", s.getSuppressed()[0].toString());
        assertFalse(stackTrace(s).contains(AZURE_KEY.substring(4, 14)));
        assertTrue(ScrubbedCause.mentionsSecret(outer, AZURE_KEY));
        assertFalse(ScrubbedCause.mentionsSecret(s, AZURE_KEY));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
