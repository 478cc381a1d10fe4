package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;

/**
 * Producers' quotas, by endpoint name ({@code gateway.quotas.<name>.calls}, …): a quota is part of a
 * producer's contract, and the gateway never sends more. No entry (or {@code calls=0}): unlimited.
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

        /** The share of the quota this replica may spend: 1 for one pod, 1/N for N replicas. */
        @WithDefault("1")
        double replicaShare();

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
