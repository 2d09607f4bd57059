package dev.hayloft.archfixture.provider;

import dev.hayloft.archfixture.provider.internal.ProviderInternals;

/**
 * Fixture: the pretend provider's API, using its own internals (allowed).
 *
 * <pre>{@code
 * new ProviderApi().run();
 * }</pre>
 */
public final class ProviderApi {
    /** Runs the provider. */
    public String run() {
        return ProviderInternals.secretSauce();
    }
}
