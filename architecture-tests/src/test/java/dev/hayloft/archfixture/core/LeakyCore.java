package dev.hayloft.archfixture.core;

import dev.hayloft.archfixture.provider.ProviderApi;
import okhttp3.Request;

/**
 * Fixture: a pretend core class that depends on a provider module and on OkHttp (rule 3),
 * without exposing either (so rule 2 has nothing to say about it).
 *
 * <pre>{@code
 * new LeakyCore().callProvider();
 * }</pre>
 */
public final class LeakyCore {
    /** Calls into the provider module: core must not. */
    public String callProvider() {
        return new ProviderApi().run() + request().url();
    }

    private static Request request() {
        return new Request.Builder().url("http://127.0.0.1/").build();
    }
}
