package se.companydata.gateway.security;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.companydata.gateway.cluster.Script;
import se.companydata.gateway.cluster.SharedState;

/**
 * Rate limits by key: one per registered e-service (limits follow the registry, including after a reload), one per
 * certificate for refusals. An e-service's limit is the deployment's: with Redis the replicas share one cell per
 * e-service (GCRA, the generic cell rate algorithm: one timestamp per key, checked and moved in one script); without
 * it, or while it does not answer, each replica keeps to its share ({@code perSecond / replicas}, burst likewise, at
 * least one) in a token bucket of its own (so the moment Redis stops answering, a consumer that had just spent its
 * burst may have one more). Refusal limits stay per replica: they guard the replica's own work.
 */
@ApplicationScoped
public class RateLimiter {

    /** KEYS cell; ARGV emission interval µs, tolerance µs. The wait in µs (0: admitted, and counted). */
    private static final Script GCRA = Script.of("rate", """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            local wait = tat - tonumber(ARGV[2]) - now
            if wait > 0 then return wait end
            redis.call('SET', KEYS[1], string.format('%.0f', tat + interval), 'PX', math.ceil((tat + interval - now) / 1000) + 1)
            return 0
            """);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final SharedState shared;

    RateLimiter(SharedState shared) {
        this.shared = shared;
    }

    /** Zero if the request may proceed, else how many nanoseconds until it could. */
    public Uni<Long> acquire(Entitlement entitlement) {
        String key = entitlement.organisationsnummer() + "/" + entitlement.tjanstenamn();
        Entitlement.RateLimit limit = entitlement.rateLimit();
        if (!shared.available()) {
            return Uni.createFrom().item(acquire(key, share(limit)));
        }
        long interval = Math.max(1, Math.round(1_000_000d / limit.perSecond()));
        long tolerance = interval * Math.max(0, limit.burst() - 1);
        return shared.script(GCRA, List.of(shared.key("rate", "{" + letters(key) + "}")),
                        List.of(Long.toString(interval), Long.toString(tolerance)))
                .map(wait -> wait.toLong() * 1_000)
                .onFailure().recoverWithItem(() -> acquire(key, share(limit)));
    }

    /** Zero if one more may proceed under this key's limit (this replica's own bucket), else how many nanoseconds until it could. */
    long acquire(String key, Entitlement.RateLimit limit) {
        Bucket bucket = buckets.compute(key, (k, b) -> b != null && b.limit.equals(limit) ? b : new Bucket(limit));
        return bucket.take(System.nanoTime());
    }

    /** This replica's part of a limit when it cannot share the deployment's. */
    private Entitlement.RateLimit share(Entitlement.RateLimit limit) {
        int replicas = shared.replicas();
        return replicas == 1 ? limit : new Entitlement.RateLimit(limit.perSecond() / replicas, Math.max(1, limit.burst() / replicas));
    }

    /** A key's SHA-256 in letters only: no organisationsnummer, and no run of digits, in a Redis key. */
    private static String letters(String key) {
        try {
            return SharedState.letters(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
