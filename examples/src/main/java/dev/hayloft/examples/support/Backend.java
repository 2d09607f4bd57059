package dev.hayloft.examples.support;

import dev.hayloft.core.auth.Secret;

/**
 * Where an example's requests go: the real service when its environment variable is set, else
 * a {@link ScriptedOpenAIServer} on loopback (said in one line), so every example runs offline.
 * The system property {@code hayloft.examples.offline=true} forces the loopback server (the
 * examples' tests set it, so they never leave the machine).
 *
 * <pre>{@code
 * try (Backend openai = Backend.openAI()) {
 *     OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(openai.baseUrl())
 *             .apiKey(openai.apiKey()).build();
 * }
 * }</pre>
 */
public final class Backend implements AutoCloseable {
    private final ScriptedOpenAIServer server;
    private final String envVar;

    private Backend(ScriptedOpenAIServer server, String envVar) {
        this.server = server;
        this.envVar = envVar;
    }

    /** OpenAI when {@code OPENAI_API_KEY} is set, else the scripted loopback server. */
    public static Backend openAI() {
        return of("OPENAI_API_KEY", "OpenAI");
    }

    /** Azure OpenAI when {@code AZURE_OPENAI_API_KEY} and {@code AZURE_OPENAI_ENDPOINT} are set, else the scripted server. */
    public static Backend azure() {
        if (!offline() && System.getenv("AZURE_OPENAI_ENDPOINT") != null && System.getenv("AZURE_OPENAI_API_KEY") != null) {
            return new Backend(null, "AZURE_OPENAI_API_KEY");
        }
        return scripted("AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are", "Azure OpenAI", "AZURE_OPENAI_API_KEY");
    }

    private static Backend of(String envVar, String service) {
        if (!offline() && System.getenv(envVar) != null) {
            return new Backend(null, envVar);
        }
        return scripted(envVar + " is", service, envVar);
    }

    private static Backend scripted(String what, String service, String envVar) {
        System.out.println("[" + what + " not set: answering from a scripted " + service
                + " stand-in on loopback; set " + (what.contains(" and ") ? "them" : "it") + " to call " + service + "]");
        return new Backend(ScriptedOpenAIServer.start(), envVar);
    }

    private static boolean offline() {
        return Boolean.getBoolean("hayloft.examples.offline");
    }

    /** Whether requests go to the scripted loopback server. */
    public boolean scripted() {
        return server != null;
    }

    /** The OpenAI-style base URL of the scripted server, or null for the real service. */
    public String baseUrl() {
        return server == null ? null : server.baseUrl();
    }

    /** The scripted server's root (an Azure endpoint), or the {@code AZURE_OPENAI_ENDPOINT} value. */
    public String endpoint() {
        return server == null ? System.getenv("AZURE_OPENAI_ENDPOINT") : server.root();
    }

    /** The key: a placeholder token for the scripted server, else the environment variable. */
    public Secret apiKey() {
        return server == null ? Secret.fromEnvVar(envVar) : Secret.fromToken("scripted-placeholder");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
