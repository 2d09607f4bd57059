package dev.hayloft.archfixture.app.internal;

import okhttp3.OkHttpClient;

/**
 * Fixture: internal packages are no public API, so exposing OkHttp here passes rule 2.
 *
 * <pre>{@code
 * Wiring.client();
 * }</pre>
 */
public final class Wiring {
    private Wiring() {
    }

    /** An OkHttp client, fine in an internal package. */
    public static OkHttpClient client() {
        return new OkHttpClient();
    }
}
