package dev.hayloft.examples.support;

import dev.hayloft.core.auth.Secret;
import java.util.Arrays;
import java.util.List;

/**
 * Where an example's requests go: the real service when its environment variable is set, else
 * a scripted stand-in on loopback ({@link ScriptedOpenAIServer}, {@link ScriptedTgiServer}; said in
 * one line), so every example runs offline.
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
    private final ScriptedTgiServer tgi;
    private final String envVar;

    private Backend(ScriptedOpenAIServer server, String envVar) {
        this(server, null, envVar);
    }

    private Backend(ScriptedOpenAIServer server, ScriptedTgiServer tgi, String envVar) {
        this.server = server;
        this.tgi = tgi;
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

    /**
     * OpenAI when {@code OPENAI_API_KEY} is set, else a stand-in that refuses every completion with
     * OpenAI's error responses, the {@code statuses} in turn (see {@link ScriptedOpenAIServer#failing}).
     */
    public static Backend openAIFailing(int... statuses) {
        if (!offline() && System.getenv("OPENAI_API_KEY") != null) {
            return new Backend(null, "OPENAI_API_KEY");
        }
        System.out.println("[OPENAI_API_KEY is not set: OpenAI is a loopback stand-in that answers HTTP "
                + Arrays.toString(statuses) + " in turn; set it to call OpenAI]");
        return new Backend(ScriptedOpenAIServer.failing(statuses), "OPENAI_API_KEY");
    }

    /**
     * The TGI (or vLLM, SGLang) server at {@code TGI_URL} when it is set, else a
     * {@link ScriptedTgiServer} on loopback. The token, for a protected endpoint, comes from
     * {@code HF_API_TOKEN} or {@code HF_TOKEN} as the generators read it.
     */
    public static Backend tgi() {
        if (!offline() && System.getenv("TGI_URL") != null) {
            return new Backend(null, null, "HF_API_TOKEN");
        }
        System.out.println("[TGI_URL is not set: answering from a scripted TGI stand-in on loopback; set it "
                + "(e.g. http://localhost:8080) to call your TGI, vLLM or SGLang server]");
        return new Backend(null, ScriptedTgiServer.start(), "HF_API_TOKEN");
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
        return server != null || tgi != null;
    }

    /** The server's URL for the Hugging Face generators' {@code api_params.url}: the stand-in's, or {@code TGI_URL}. */
    public String url() {
        return tgi == null ? System.getenv("TGI_URL") : tgi.root();
    }

    /** What the stand-in received so far; empty for a real service (whose requests are not seen here). */
    public List<LoopbackServer.Request> received() {
        return server != null ? server.requests() : tgi != null ? tgi.requests() : List.of();
    }

    /** The OpenAI-style base URL of the scripted server, or null for the real service. */
    public String baseUrl() {
        return server == null ? null : server.baseUrl();
    }

    /** The scripted server's root (an Azure endpoint), or the {@code AZURE_OPENAI_ENDPOINT} value. */
    public String endpoint() {
        return server == null ? System.getenv("AZURE_OPENAI_ENDPOINT") : server.root();
    }

    /** The key: a placeholder token for a stand-in, else the environment variable ({@code HF_API_TOKEN}/{@code HF_TOKEN}, not strict, for TGI). */
    public Secret apiKey() {
        if (scripted()) {
            return Secret.fromToken("scripted-placeholder");
        }
        return envVar.equals("HF_API_TOKEN") ? Secret.fromEnvVar(List.of("HF_API_TOKEN", "HF_TOKEN"), false)
                : Secret.fromEnvVar(envVar);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (tgi != null) {
            tgi.close();
        }
    }
}
