package dev.hayloft.openai;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.core.http.Scrubber;
import dev.hayloft.openai.internal.ErrorMapper;

/**
 * Translates openai-java's exceptions into Hayloft's {@link GenerationException} hierarchy.
 * {@link OpenAIConnection} does this for every call it makes; use this class when you call an
 * openai-java client yourself.
 *
 * <table>
 * <caption>How failures are classified</caption>
 * <tr><th>failure</th><th>exception</th><th>retryable</th></tr>
 * <tr><td>401, 403</td><td>{@code AuthenticationException}</td><td>no</td></tr>
 * <tr><td>400, 404, 422</td><td>{@code InvalidRequestException}</td><td>no</td></tr>
 * <tr><td>409</td><td>{@code InvalidRequestException}</td><td>yes</td></tr>
 * <tr><td>code {@code context_length_exceeded}</td><td>{@code ContextLengthExceededException}</td><td>no</td></tr>
 * <tr><td>code {@code content_filter}, {@code content_policy_violation}</td><td>{@code ContentFilterException}</td><td>no</td></tr>
 * <tr><td>408, timeouts</td><td>{@code GenerationTimeoutException}</td><td>yes</td></tr>
 * <tr><td>429</td><td>{@code RateLimitException} (with {@code retryAfter()})</td><td>yes, except {@code insufficient_quota}</td></tr>
 * <tr><td>5xx, unreadable bodies, server errors inside a stream, streams ending early</td><td>{@code ServerErrorException}</td><td>yes</td></tr>
 * <tr><td>refused, reset or cut connections (no HTTP status)</td><td>{@code ConnectionException} (a {@code ServerErrorException})</td><td>yes</td></tr>
 * </table>
 *
 * <p>Every exception carries the HTTP status, OpenAI's {@code x-request-id} and the cause,
 * chained as a stand-in that keeps the original's class name, stack trace and message with
 * credentials ({@code sk-...} keys, {@code Bearer} tokens, {@code api-key} values) masked, so
 * API keys never appear in messages or stack traces. The server's {@code x-should-retry},
 * when sent, decides {@code isRetryable()}.
 *
 * <pre>{@code
 * try {
 *     client.images().generate(params);
 * } catch (OpenAIException e) {
 *     throw OpenAIErrors.toGenerationException(e);
 * }
 * }</pre>
 */
public final class OpenAIErrors {
    /** The provider name used in exception details. */
    public static final String PROVIDER = "openai";

    private OpenAIErrors() {
    }

    /** The Hayloft exception for {@code failure}, reported as provider {@value #PROVIDER}. */
    public static GenerationException toGenerationException(RuntimeException failure) {
        return toGenerationException(failure, PROVIDER);
    }

    /**
     * The Hayloft exception for {@code failure} reported as {@code provider}; failures that do
     * not come from openai-java or I/O become a plain, non-retryable {@link GenerationException}.
     */
    public static GenerationException toGenerationException(RuntimeException failure, String provider) {
        GenerationException mapped = ErrorMapper.map(failure, provider, null, null);
        if (mapped != null) {
            return mapped;
        }
        return new GenerationException(Scrubber.scrub(String.valueOf(failure.getMessage()), null),
                GenerationException.details(provider).retryable(false), ScrubbedCause.of(failure, null));
    }
}
