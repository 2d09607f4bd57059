package dev.hayloft.core.http;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that may end up in an exception message, a log line or a stack
 * trace: the resolved API key itself (also when a body was cut in the middle of it), and
 * anything shaped like one whichever key it is: OpenAI keys ({@code sk-...}, also as OpenAI
 * echoes them in {@code Incorrect API key provided: ...}), Hugging Face access tokens
 * ({@code hf_...}), {@code Bearer} tokens and {@code api-key} / {@code api_key} values (Azure's
 * header).
 *
 * <pre>{@code
 * String safe = Scrubber.scrub("Incorrect API key provided: sk-test-abc", apiKey);   // "Incorrect API key provided: ***"
 * }</pre>
 */
public final class Scrubber {
    /** What a masked value is replaced with. */
    public static final String MASK = "***";

    private static final Pattern OPENAI_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_*\\-]{3,}");
    /** Hugging Face access tokens: {@code hf_} and 34 letters and digits (20 or more are masked). */
    private static final Pattern HF_TOKEN = Pattern.compile("\\bhf_[A-Za-z0-9*]{20,}");
    private static final Pattern KEY_PROVIDED = Pattern.compile("(?i)(api key provided:\\s*)[A-Za-z0-9_*\\-]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=*\\-]+");
    private static final Pattern API_KEY_VALUE = Pattern.compile(
            "(?i)\\b(api[-_]?key[\"']?\\s*[:=]\\s*[\"']?)[A-Za-z0-9._~+/=*\\-]{8,}");
    private static final int MIN_SECRET = 4;
    private static final int MIN_CUT_PREFIX = 6;

    private Scrubber() {
    }

    /** {@code text} with {@code secret} (may be null) and anything credential-shaped masked; null stays null. */
    public static String scrub(String text, String secret) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (secret != null && secret.length() >= MIN_SECRET) {
            out = out.replace(secret, MASK);
            out = maskCutSecret(out, secret);
        }
        out = KEY_PROVIDED.matcher(out).replaceAll("$1" + MASK);
        out = OPENAI_KEY.matcher(out).replaceAll("sk-" + MASK);
        out = HF_TOKEN.matcher(out).replaceAll("hf_" + MASK);
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        return API_KEY_VALUE.matcher(out).replaceAll("$1" + MASK);
    }

    /** Whether {@link #scrub} would change {@code text}. */
    public static boolean mentionsSecret(String text, String secret) {
        return text != null && !text.equals(scrub(text, secret));
    }

    /** A text that ends with the start of the secret (a body truncated in the middle of it). */
    private static String maskCutSecret(String text, String secret) {
        for (int k = secret.length() - 1; k >= MIN_CUT_PREFIX; k--) {
            if (text.endsWith(secret.substring(0, k))) {
                return text.substring(0, text.length() - k) + MASK;
            }
        }
        return text;
    }
}
