package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * azure-identity is optional: on a class path without it (here: this test's class path minus
 * every {@code com/azure} artifact, in a fresh class loader) the generators load, build, connect
 * and deserialise, their public signatures resolve, and only {@link AzureIdentityTokenProvider}
 * (and Haystack's default provider name) need it.
 */
class WithoutAzureIdentityTest {
    private static final List<String> API_WITHOUT_IDENTITY = List.of(
            "dev.hayloft.azure.AzureOpenAIChatGenerator", "dev.hayloft.azure.AzureOpenAIChatGenerator$Builder",
            "dev.hayloft.azure.AzureOpenAIGenerator", "dev.hayloft.azure.AzureOpenAIGenerator$Builder",
            "dev.hayloft.azure.AzureTokenProvider", "dev.hayloft.azure.AzureTokenProvider$Named",
            "dev.hayloft.azure.AzureAccessToken", "dev.hayloft.azure.AzureComponents");

    /** The class path entries of this JVM (also those a Surefire manifest-only jar lists), without azure-identity and azure-core. */
    private static URL[] classPathWithoutAzure() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.endsWith(".jar") && new File(e).isFile()) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            entries.add(Path.of(java.net.URI.create(new URL(new File(e).toURI().toURL(), u)
                                    .toString())).toString());
                        }
                    }
                }
            }
        }
        List<URL> urls = new ArrayList<>();
        for (String e : entries) {
            if (!e.replace('\\', '/').contains("/com/azure/")) {
                urls.add(toUrl(e));
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static URL toUrl(String path) throws MalformedURLException {
        return new File(path).toURI().toURL();
    }

    @Test
    void everythingButTheAdapterWorksWithoutAzureIdentity() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutAzure(), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.azure.core.credential.TokenCredential"));
            for (String name : API_WITHOUT_IDENTITY) {
                Class<?> c = Class.forName(name, true, loader);
                c.getMethods();
                c.getConstructors();
                c.getFields();
            }
            Class<?> adapter = Class.forName("dev.hayloft.azure.AzureIdentityTokenProvider", false, loader);
            assertThrows(LinkageError.class, adapter::getMethods, "the adapter's API names TokenCredential");

            Class<?> chat = Class.forName("dev.hayloft.azure.AzureOpenAIChatGenerator", true, loader);
            Object builder = chat.getMethod("builder").invoke(null);
            Class<?> b = builder.getClass();
            Class<?> secret = loader.loadClass("dev.hayloft.core.auth.Secret");
            b.getMethod("azureEndpoint", String.class).invoke(builder, "https://my-resource.openai.azure.com/");
            b.getMethod("apiKey", secret).invoke(builder, secret.getMethod("fromToken", String.class).invoke(null, "k-1"));
            Object generator = b.getMethod("build").invoke(builder);
            chat.getMethod("warmUp").invoke(generator);
            chat.getMethod("close").invoke(generator);

            Class<?> registry = loader.loadClass("dev.hayloft.core.component.ComponentRegistry");
            Object defaults = registry.getMethod("defaults").invoke(null);
            Method fromDict = registry.getMethod("fromDict", Map.class);
            Map<String, Object> withProvider = Map.of("type",
                    "haystack.components.generators.chat.azure.AzureOpenAIChatGenerator", "init_parameters",
                    Map.of("azure_endpoint", "https://my-resource.openai.azure.com/", "azure_ad_token_provider",
                            "haystack.utils.azure.default_azure_ad_token_provider"));
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> fromDict.invoke(defaults, withProvider));
            assertEquals("dev.hayloft.core.errors.DeserializationException", e.getCause().getClass().getName());
            assertTrue(e.getCause().getMessage().contains("azure_ad_token_provider"), e.getCause().getMessage());
            assertTrue(e.getCause().getMessage().contains("com.azure:azure-identity"), e.getCause().getMessage());
            assertFalse(e.getCause() instanceof LinkageError);
        }
    }
}
