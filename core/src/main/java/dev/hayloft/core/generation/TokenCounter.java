package dev.hayloft.core.generation;

import dev.hayloft.core.dataclasses.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * Counts the tokens a text or a chat prompt takes in a model's context window, for prompt
 * budgets (e.g. {@code DocumentAnswerGenerator} cutting documents to fit). A generator that
 * knows its tokenizer hands out an exact counter through {@link TokenCounting}; otherwise
 * {@link #estimate(double)} gives OpenAI's rule of thumb (about 4 characters a token for English
 * text). Implementations are thread-safe.
 *
 * <pre>{@code
 * TokenCounter counter = TokenCounter.estimate(4.0);
 * int tokens = counter.countTokens("Paris is the capital of France.");   // 8
 * int prompt = counter.countTokens(List.of(ChatMessage.fromUser("Hi!")));  // 1 + 4 + 3
 * }</pre>
 */
@FunctionalInterface
public interface TokenCounter {
    /** Tokens a chat message costs beyond its text in the estimate (role and separators), as in OpenAI's chat format. */
    int MESSAGE_OVERHEAD = 4;
    /** Tokens an estimated chat prompt costs beyond its messages (the assistant reply's priming). */
    int PROMPT_OVERHEAD = 3;
    /** Characters a token stands for in {@link #estimate()}: OpenAI's rule of thumb for English text. */
    double DEFAULT_CHARS_PER_TOKEN = 4.0;

    /** The tokens of {@code text} alone (no special tokens). */
    int countTokens(String text);

    /**
     * The tokens of a whole chat prompt as the model sees it. The default adds
     * {@value #MESSAGE_OVERHEAD} per message and {@value #PROMPT_OVERHEAD} per prompt to the
     * messages' texts; a counter that knows the model's chat template counts the rendered template.
     */
    default int countTokens(List<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        int total = PROMPT_OVERHEAD;
        for (ChatMessage m : messages) {
            String text = m.text();
            total += MESSAGE_OVERHEAD + (text == null ? 0 : countTokens(text));
        }
        return total;
    }

    /** {@link #estimate(double)} with {@value #DEFAULT_CHARS_PER_TOKEN} characters a token. */
    static TokenCounter estimate() {
        return estimate(DEFAULT_CHARS_PER_TOKEN);
    }

    /**
     * An estimate without a tokenizer: the number of characters (code points) divided by
     * {@code charsPerToken}, rounded up. Dense text (code, numbers, most non-English scripts)
     * takes more tokens than this estimate; lower {@code charsPerToken} to leave a margin.
     *
     * @throws IllegalArgumentException naming {@code charsPerToken} unless it is a finite number &gt; 0
     */
    static TokenCounter estimate(double charsPerToken) {
        if (!(charsPerToken > 0) || Double.isInfinite(charsPerToken)) {
            throw new IllegalArgumentException("charsPerToken must be a finite number > 0, got " + charsPerToken);
        }
        return text -> (int) Math.ceil(Objects.requireNonNull(text, "text").codePointCount(0, text.length())
                / charsPerToken);
    }
}
