package dev.hayloft.archfixture.provider.internal;

/**
 * Fixture: an implementation detail of the pretend provider module.
 *
 * <pre>{@code
 * ProviderInternals.secretSauce();   // fine from the provider module, a violation elsewhere
 * }</pre>
 */
public final class ProviderInternals {
    private ProviderInternals() {
    }

    /** Something only the provider module should call. */
    public static String secretSauce() {
        return "sauce";
    }
}
