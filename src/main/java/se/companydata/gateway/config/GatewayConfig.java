package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import se.companydata.gateway.domain.Producer;

/** The gateway's own knobs; every one is listed in docs/configuration.md. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Lookup lookup();

    Cache cache();

    Items items();

    Priming priming();

    /** Read by {@link StartupCheck} before Quarkus starts; mapped here so that Quarkus knows the key. */
    StartupCheckSetting startupCheck();

    interface StartupCheckSetting {
        /** Off only for configuration from a source the check cannot read (a config-source extension). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Lookup {
        /** Overall time budget of one lookup, producers included. */
        @WithDefault("2s")
        Duration deadline();
    }

    interface Cache {
        /** How long an answer is reused, counted from when its producer gave it, unless its producer has its own. */
        @WithDefault("60s")
        Duration ttl();

        /** A producer's own time to live ({@code bolagsverket}, {@code scb}, {@code skatteverket}), instead of {@link #ttl()}. */
        Map<String, Duration> producerTtl();

        /** Bound on cached producer answers (each identity has up to four, one per source). */
        @WithDefault("20000")
        long maxEntries();

        Shared shared();

        /** The replicas' shared answer cache in Redis (docs/configuration.md "Replicas and Redis"). */
        interface Shared {
            /** Base64 of at least 32 random bytes: the key of the hash that names an answer in Redis. */
            Optional<Path> hashKeyFile();

            /** Base64 of 32 random bytes: the AES-256-GCM key answers are sealed with in Redis. */
            Optional<Path> encryptionKeyFile();

            /** How long a replica's claim to load an answer lasts unless it renews it (it does, every third of this). */
            @WithDefault("1s")
            Duration lease();

            /** How often a replica waiting for another's load asks Redis whether the answer is there. */
            @WithDefault("10ms")
            Duration pollInterval();
        }
    }

    interface Items {
        /** Primary producer of each UD item: "en producent – en primär källa". */
        Map<String, Producer> producer();
    }

    /** What the gateway does before it reports ready (docs/operations.md "Start-up: priming and readiness"). */
    interface Priming {
        @WithDefault("true")
        boolean enabled();

        /** Pooled connections opened per producer before readiness. */
        @WithDefault("16")
        int connections();

        /** Liveness calls over each of them, warming the client's TLS and HTTP code. */
        @WithDefault("20")
        int rounds();

        /**
         * A company looked up once through every producer (one real call per source per pod start), whose answer is
         * then rendered by every protocol adapter; unset: no lookup, and the adapters' code stays cold.
         */
        Optional<String> identity();

        /** How often the sample answer is looked up (from the cache) and rendered. */
        @WithDefault("3000")
        int repetitions();

        /** Readiness is reported after this even if priming has not finished (a producer that is down must not keep pods out). */
        @WithDefault("60s")
        Duration timeout();

        SelfCalls selfCalls();

        /**
         * Lookups of the priming identity the gateway sends to its own API over mutual TLS, as a registered consumer,
         * warming the whole server path; off unless both a TLS configuration and an e-service are named.
         */
        interface SelfCalls {
            /** A Quarkus TLS configuration whose key store holds a client certificate the API trusts, and whose trust store trusts the API's. */
            Optional<String> tlsConfigurationName();

            /** The e-service (tjänstenamn) registered for that certificate's organisation. */
            Optional<String> service();

            @WithDefault("1000")
            int calls();
        }

        /** Exit once primed: the training run that records the JDK's AOT cache (tools/aot-cache.sh). */
        @WithDefault("false")
        boolean exitWhenDone();
    }
}
