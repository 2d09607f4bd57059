package dev.hayloft.archfixture.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hayloft.archfixture.provider.internal.ProviderInternals;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Fixture: a pretend app class that uses another module's internals (rule 1) and exposes
 * OkHttp and Jackson types in each kind of public signature (rule 2), next to members that
 * use them without exposing them.
 *
 * <pre>{@code
 * new LeakyApp(new OkHttpClient()).client();
 * }</pre>
 */
public class LeakyApp {
    /** Exposed: a public field's type. */
    public OkHttpClient http;

    private final OkHttpClient hidden = new OkHttpClient();

    /** Exposed: a constructor parameter. */
    public LeakyApp(OkHttpClient http) {
        this.http = http;
    }

    /** Exposed: a return type. */
    public OkHttpClient client() {
        return http;
    }

    /** Exposed: a generic type argument. */
    public List<Request> pending() {
        return List.of(request());
    }

    /** Exposed: a type-parameter bound (protected counts). */
    protected <T extends Call> T first(List<T> calls) {
        return calls.get(0);
    }

    /** Exposed: a throws clause. */
    public void parse(String json) throws JsonProcessingException {
        if (json.isEmpty()) {
            throw new JsonProcessingException("empty") {
                private static final long serialVersionUID = 1L;
            };
        }
    }

    /** Not exposed: a class token, JDBC-style (the escape hatch shape). */
    public <T> T unwrap(Class<T> type) {
        return type.cast(hidden);
    }

    /** Uses the provider's internals: a violation of rule 1. */
    public String sauce() {
        return ProviderInternals.secretSauce();
    }

    private static Request request() {
        return new Request.Builder().url("http://127.0.0.1/").build();
    }

    /** Exposed: a superclass. */
    public static class Listener extends EventListener {
    }
}
