package dev.hayloft.azure;

import java.time.Instant;
import java.util.Objects;

/**
 * A Microsoft Entra ID (Azure AD) access token and when it expires, as a token source hands it to
 * {@link AzureTokenProvider#caching}. {@code toString} never shows the token.
 *
 * <pre>{@code
 * AzureTokenProvider provider = AzureTokenProvider.caching(() -> {
 *     MyIdp.Token t = idp.fetch("https://cognitiveservices.azure.com/.default");
 *     return new AzureAccessToken(t.value(), t.expiresAt());
 * });
 * }</pre>
 *
 * @param token the bearer token
 * @param expiresAt when the token stops being valid
 */
public record AzureAccessToken(String token, Instant expiresAt) {
    public AzureAccessToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    @Override
    public String toString() {
        return "AzureAccessToken[token=***, expiresAt=" + expiresAt + "]";
    }
}
