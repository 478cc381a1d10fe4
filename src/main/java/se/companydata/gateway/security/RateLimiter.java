package se.companydata.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets by key: one per registered e-service (limits follow the registry, including after a reload), one per certificate for refusals. */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Zero if the request may proceed, else how many nanoseconds until it could. */
    public long acquire(Entitlement entitlement) {
        return acquire(entitlement.organisationsnummer() + "/" + entitlement.tjanstenamn(), entitlement.rateLimit());
    }

    /** Zero if one more may proceed under this key's limit, else how many nanoseconds until it could. */
    long acquire(String key, Entitlement.RateLimit limit) {
        Bucket bucket = buckets.compute(key, (k, b) -> b != null && b.limit.equals(limit) ? b : new Bucket(limit));
        return bucket.take(System.nanoTime());
    }

    private static final class Bucket {
        private final Entitlement.RateLimit limit;
        private final double nanosPerToken;
        private double tokens;
        private long updatedAt;

        Bucket(Entitlement.RateLimit limit) {
            this.limit = limit;
            this.nanosPerToken = 1_000_000_000d / limit.perSecond();
            this.tokens = limit.burst();
            this.updatedAt = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - updatedAt) / nanosPerToken);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerToken);
        }
    }
}
