package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The caching default: refresh before expiry, one fetch at a time, and the azure-identity adapter. */
class AzureTokenProviderTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2025-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void tokensAreCachedUntilTheRefreshMarginBeforeExpiry() {
        TestClock clock = new TestClock();
        AtomicInteger fetches = new AtomicInteger();
        AzureTokenProvider p = AzureTokenProvider.caching(() -> new AzureAccessToken("t" + fetches.incrementAndGet(),
                clock.now.plus(Duration.ofHours(1))), Duration.ofMinutes(5), clock);
        assertEquals("t1", p.token());
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        assertEquals("t1", p.token());
        assertEquals(1, fetches.get());
        clock.now = clock.now.plus(Duration.ofMinutes(1).plusSeconds(1)); // 4m59s left: refresh
        assertEquals("t2", p.token());
        assertEquals("t2", p.token());
        assertEquals(2, fetches.get());
    }

    @Test
    void shortLivedTokensRefreshAtHalfTheirLifetime() {
        TestClock clock = new TestClock();
        AtomicInteger fetches = new AtomicInteger();
        AzureTokenProvider p = AzureTokenProvider.caching(() -> new AzureAccessToken("t" + fetches.incrementAndGet(),
                clock.now.plus(Duration.ofMinutes(2))), Duration.ofMinutes(5), clock);
        assertEquals("t1", p.token());
        clock.now = clock.now.plusSeconds(30);
        assertEquals("t1", p.token(), "not refetched on every call");
        clock.now = clock.now.plusSeconds(31);
        assertEquals("t2", p.token());
    }

    @Test
    void aFailedRefreshKeepsTheValidTokenButNeverAnExpiredOne() {
        TestClock clock = new TestClock();
        List<Object> script = new ArrayList<>(List.of("t1", new IllegalStateException("IdP down"),
                new IllegalStateException("IdP still down")));
        AzureTokenProvider p = AzureTokenProvider.caching(() -> {
            Object next = script.remove(0);
            if (next instanceof RuntimeException) {
                throw (RuntimeException) next;
            }
            return new AzureAccessToken((String) next, clock.now.plus(Duration.ofMinutes(10)));
        }, Duration.ofMinutes(5), clock);
        assertEquals("t1", p.token());
        clock.now = clock.now.plus(Duration.ofMinutes(6)); // refresh due, token still valid
        assertEquals("t1", p.token());
        clock.now = clock.now.plus(Duration.ofMinutes(5)); // expired
        IllegalStateException e = assertThrows(IllegalStateException.class, p::token);
        assertEquals("IdP still down", e.getMessage());
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        AzureTokenProvider p = AzureTokenProvider.caching(() -> {
            fetches.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AzureAccessToken("shared", Instant.now().plus(Duration.ofHours(1)));
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(p::token));
            }
            release.countDown();
            for (Future<String> f : results) {
                assertEquals("shared", f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void namesAndToStringShowNoToken() {
        AzureTokenProvider named = AzureTokenProvider.named("myapp.tokens", () -> "secret-token");
        assertEquals("myapp.tokens", AzureTokenProvider.nameOf(named));
        assertEquals(null, AzureTokenProvider.nameOf(() -> "x"));
        assertFalse(named.toString().contains("secret-token"));
        assertFalse(new AzureAccessToken("secret-token", Instant.now()).toString().contains("secret-token"));
        assertThrows(IllegalArgumentException.class, () -> AzureTokenProvider.named(" ", () -> "x"));
        assertThrows(IllegalArgumentException.class, () -> new AzureAccessToken(" ", Instant.now()));
    }

    @Test
    void theAzureIdentityAdapterAsksForTheCognitiveServicesScopeAndCaches() {
        List<List<String>> asked = new CopyOnWriteArrayList<>();
        TokenCredential credential = new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.fromSupplier(() -> getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                asked.add(List.copyOf(request.getScopes()));
                return new AccessToken("entra-" + asked.size(), OffsetDateTime.now().plusHours(1));
            }
        };
        AzureIdentityTokenProvider p = AzureIdentityTokenProvider.of(credential);
        assertEquals("entra-1", p.token());
        assertEquals("entra-1", p.token());
        assertEquals(List.of(List.of("https://cognitiveservices.azure.com/.default")), asked);
        assertEquals(List.of("api://custom/.default"), AzureIdentityTokenProvider.of(credential,
                "api://custom/.default").scopes());
        assertEquals(AzureTokenProvider.HAYSTACK_DEFAULT,
                AzureTokenProvider.nameOf(AzureIdentityTokenProvider.defaultCredential()));
    }
}
