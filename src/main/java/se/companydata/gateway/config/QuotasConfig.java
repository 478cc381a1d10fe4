package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;

/**
 * Producers' quotas, by endpoint name ({@code gateway.quotas.<name>.calls}, …): a quota is part of a
 * producer's contract, and the deployment never sends more. No entry (or {@code calls=0}): unlimited. Shared by the
 * replicas through Redis when one is configured; else each replica spends {@code calls / gateway.cluster.replicas}.
 */
@ConfigMapping(prefix = "gateway.quotas")
public interface QuotasConfig {

    @WithParentName
    Map<String, Quota> quotas();

    interface Quota {
        /** Calls allowed per period for the whole deployment (SCB: 10). 0: no quota. */
        @WithDefault("0")
        int calls();

        @WithDefault("10s")
        Duration period();

        /**
         * The longest a call to the producer can be under way (above its read timeout): shared, a permit its replica did
         * not give back by then counts as answered then; a replica that lost Redis waits this and a period before it
         * spends its share alone.
         */
        @WithDefault("6s")
        Duration lease();

        /**
         * The share of each window's permits kept for people (IndirektAteranvandning): case-system calls may take only the
         * rest, so a person filling in a form finds a permit after a case system's burst. At least one permit stays for them.
         */
        @WithDefault("0.3")
        double interactiveReserve();

        /** Time a call needs once sent: a permit later than the caller's budget less this is refused at once. */
        @WithDefault("300ms")
        Duration reserve();
    }
}
