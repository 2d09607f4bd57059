package dev.hayloft.azure.internal;

import dev.hayloft.azure.AzureIdentityTokenProvider;
import dev.hayloft.azure.AzureTokenProvider;

/**
 * Whether {@code com.azure:azure-identity} is on the class path, and Haystack's default token
 * provider when it is. {@link AzureIdentityTokenProvider} is only touched by {@link #defaultProvider()}
 * (through a holder class), so this class and its callers load without azure-identity.
 *
 * <pre>{@code
 * AzureTokenProvider p = AzureIdentity.available() ? AzureIdentity.defaultProvider() : null;
 * }</pre>
 */
public final class AzureIdentity {
    private AzureIdentity() {
    }

    /** Whether azure-identity (and azure-core) can be loaded. */
    public static boolean available() {
        ClassLoader loader = AzureIdentity.class.getClassLoader();
        try {
            Class.forName("com.azure.identity.DefaultAzureCredentialBuilder", false, loader);
            Class.forName("com.azure.core.credential.TokenCredential", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A new {@link AzureIdentityTokenProvider#defaultCredential()}.
     *
     * @throws IllegalStateException when azure-identity is not on the class path
     */
    public static AzureTokenProvider defaultProvider() {
        if (!available()) {
            throw new IllegalStateException(AzureTokenProvider.HAYSTACK_DEFAULT + " needs com.azure:azure-identity on "
                    + "the class path (an optional dependency of hayloft-generators-azure): add it to your build");
        }
        return Holder.create();
    }

    private static final class Holder {
        static AzureTokenProvider create() {
            return AzureIdentityTokenProvider.defaultCredential();
        }
    }
}
