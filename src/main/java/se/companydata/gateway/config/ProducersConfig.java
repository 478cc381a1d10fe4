package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import se.companydata.gateway.domain.Producer;

/** Fault-tolerance policy per producer. Base URLs live under {@code quarkus.rest-client.<producer>.url}. */
@ConfigMapping(prefix = "gateway.producers")
public interface ProducersConfig {

    Policy bolagsverket();

    Policy scb();

    Policy skatteverket();

    default Policy policy(Producer producer) {
        return switch (producer) {
            case Bolagsverket -> bolagsverket();
            case SCB -> scb();
            case Skatteverket -> skatteverket();
        };
    }

    interface Policy {
        /** Per-attempt timeout. */
        @WithDefault("1500ms")
        Duration timeout();

        Retry retry();

        CircuitBreaker circuitBreaker();

        Bulkhead bulkhead();

        /**
         * An API key the producer issued, sent in {@code X-Api-Key} (SCB has announced a move from client certificates to
         * API keys; the header name is our guess until it publishes one). Unset: none is sent.
         */
        Optional<String> apiKey();
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

    /** What it counts and why: {@code ProducerBreaker}. */
    interface CircuitBreaker {
        /** The window: this many distinct companies, each with its latest outcome. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Opens when at least this share of the window's companies failed for want of the producer. */
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
