package se.companydata.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Refusals per client certificate: each is recorded in the audit trail up to {@code per-second} (with a
 * {@code burst}); beyond that a certificate's refusals are counted and logged once a minute instead of
 * recorded one by one, and the JSON API answers them 429. A caller sending what will be refused cannot
 * grow the trail faster than this; a caller whose requests are granted is not affected.
 */
@ApplicationScoped
public class RefusalLimiter {

    private static final Logger LOG = Logger.getLogger(RefusalLimiter.class);

    private final RateLimiter buckets;
    private final Entitlement.RateLimit limit;
    private final Counter suppressed;
    private final Map<String, AtomicLong> suppressedSinceLog = new ConcurrentHashMap<>();
    private final Map<String, Long> loggedAt = new ConcurrentHashMap<>();

    RefusalLimiter(RateLimiter buckets, RefusalLimitConfig config, MeterRegistry metrics) {
        this.buckets = buckets;
        this.limit = new Entitlement.RateLimit(config.perSecond(), config.burst());
        this.suppressed = Counter.builder("gateway.refusals.unrecorded")
                .description("Refusals over a certificate's refusal limit: counted and logged, not recorded one by one").register(metrics);
    }

    /** Zero when this refusal of the caller's is recorded, else the seconds after which the next one would be. */
    public long admit(Caller caller) {
        String certificate = caller.certificateIssuer() + "#" + caller.certificateSerial();
        long waitNanos = buckets.acquire("refusals:" + certificate, limit);
        if (waitNanos == 0) {
            return 0;
        }
        suppressed.increment();
        long count = suppressedSinceLog.computeIfAbsent(certificate, k -> new AtomicLong()).incrementAndGet();
        long now = System.nanoTime();
        Long last = loggedAt.get(certificate);
        if (last == null || now - last > Duration.ofMinutes(1).toNanos()) {
            loggedAt.put(certificate, now);
            suppressedSinceLog.get(certificate).addAndGet(-count);
            LOG.warnf("Certificate serial %s of %s (organisation %s): %d refusals over its limit of %s/s (burst %d) not recorded "
                    + "one by one", caller.certificateSerial(), caller.certificateIssuer(), caller.organisationsnummer(), count,
                    limit.perSecond(), limit.burst());
        }
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
