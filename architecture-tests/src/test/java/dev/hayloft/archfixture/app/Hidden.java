package dev.hayloft.archfixture.app;

import okhttp3.OkHttpClient;

/**
 * Fixture: package-private, so its public members are no public API (rule 2 passes).
 *
 * <pre>{@code
 * new Hidden().client();
 * }</pre>
 */
final class Hidden {
    public OkHttpClient client() {
        return new OkHttpClient();
    }

    /** Public, but inside a package-private class: still no public API. */
    public static final class Nested {
        public OkHttpClient client() {
            return new OkHttpClient();
        }
    }
}
