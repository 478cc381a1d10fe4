package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Fault-tolerance policy per producer. Base URLs live under {@code quarkus.rest-client.<producer>.url}. */
@ConfigMapping(prefix = "gateway.producers")
public interface ProducersConfig {

    Policy bolagsverket();

    Policy scb();

    Policy skatteverket();

    interface Policy {
        /** Per-attempt timeout. */
        @WithDefault("1500ms")
        Duration timeout();

        Retry retry();

        CircuitBreaker circuitBreaker();

        Bulkhead bulkhead();
    }

    interface Retry {
        /** Extra attempts after a pause, for "come back later": connection refused, 502/503/504. Counted by the breaker. */
        @WithDefault("1")
        int maxRetries();

        /**
         * Immediate extra attempts, on a fresh connection, for a call whose connection was lost before its
         * answer was complete. The breaker sees only the outcome of the last one.
         */
        @WithDefault("2")
        int connectionLossRetries();

        @WithDefault("50ms")
        Duration delay();

        /** A retry starts only if at least this much of the lookup deadline is left. */
        @WithDefault("300ms")
        Duration minRemaining();
    }

    interface CircuitBreaker {
        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("5s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    interface Bulkhead {
        /** Calls in flight at once (SCB's two endpoints share one bulkhead). */
        @WithDefault("200")
        int limit();

        /** Calls waiting for a slot; beyond it a call fails fast with OtillgangligUppgiftskalla. */
        @WithDefault("200")
        int queue();
    }
}
