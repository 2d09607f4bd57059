package dev.hayloft.hf.local.internal.generation;

/**
 * Token counts of one request: the prompt as fed to the model (after any truncation) and
 * the tokens generated over all returned sequences (EOS tokens included).
 *
 * <pre>{@code
 * Usage u = result.usage();
 * System.out.println(u.promptTokens() + " + " + u.completionTokens() + " = " + u.totalTokens());
 * }</pre>
 *
 * @param promptTokens tokens of the prompt
 * @param completionTokens generated tokens, summed over the sequences
 */
public record Usage(int promptTokens, int completionTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    /** Prompt plus completion tokens. */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
