package dev.hayloft.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AzureTokenProvider#caching}: one token at a time, refreshed by one thread when its
 * refresh time has come (the margin before expiry, or half the token's lifetime when that is
 * shorter). While a refresh runs, other callers keep getting the still-valid cached token; with
 * none (first use, or expired) they wait for the refresh.
 *
 * <pre>{@code
 * AzureTokenProvider p = new CachingTokenProvider(source, Duration.ofMinutes(5), Clock.systemUTC());
 * }</pre>
 */
final class CachingTokenProvider implements AzureTokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CachingTokenProvider.class);

    private final Supplier<AzureAccessToken> source;
    private final Duration margin;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Cached current;

    CachingTokenProvider(Supplier<AzureAccessToken> source, Duration margin, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.margin = Objects.requireNonNull(margin, "refreshMargin");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must not be negative but was " + margin);
        }
    }

    @Override
    public String token() {
        Cached c = current;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.refreshAt)) {
            return c.token.token();
        }
        boolean usable = c != null && now.isBefore(c.token.expiresAt());
        if (usable && !refreshing.tryLock()) {
            return c.token.token(); // another thread is refreshing; this one is still valid
        }
        if (!usable) {
            refreshing.lock();
        }
        try {
            c = current;
            now = clock.instant();
            if (c != null && now.isBefore(c.refreshAt)) {
                return c.token.token();
            }
            return refresh(c, now);
        } finally {
            refreshing.unlock();
        }
    }

    private String refresh(Cached previous, Instant now) {
        AzureAccessToken fresh;
        try {
            fresh = source.get();
            if (fresh == null) {
                throw new IllegalStateException("The Azure AD token source returned no token");
            }
        } catch (RuntimeException e) {
            if (previous != null && now.isBefore(previous.token.expiresAt())) {
                LOG.warn("Refreshing the Azure AD token failed ({}); using the cached token until it expires at {}",
                        e.getClass().getName(), previous.token.expiresAt());
                return previous.token.token();
            }
            throw e;
        }
        Duration lifetime = Duration.between(now, fresh.expiresAt());
        Duration early = lifetime.isNegative() ? Duration.ZERO
                : margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
        current = new Cached(fresh, fresh.expiresAt().minus(early));
        return fresh.token();
    }

    @Override
    public String toString() {
        return "AzureTokenProvider.caching[" + source + "]";
    }

    private static final class Cached {
        final AzureAccessToken token;
        final Instant refreshAt;

        Cached(AzureAccessToken token, Instant refreshAt) {
            this.token = token;
            this.refreshAt = refreshAt;
        }
    }
}
