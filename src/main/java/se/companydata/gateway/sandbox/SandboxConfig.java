package se.companydata.gateway.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The built-in simulated producers: on in dev and test, off in prod. */
@ConfigMapping(prefix = "gateway.sandbox")
public interface SandboxConfig {

    @WithDefault("false")
    boolean enabled();

    /** Classpath resource or file path of the fictitious register. */
    @WithDefault("sandbox/register.json")
    String register();

    /** Extra delay of the SLOW fault. */
    @WithDefault("5s")
    Duration slowDelay();

    /** How long the TIMEOUT fault holds a connection before closing it. */
    @WithDefault("30s")
    Duration hangTimeout();

    /** The organisationsnummer a client certificate must carry for the simulated producers to answer: the gateway's own. */
    @WithDefault("5599000014")
    String acceptedClient();

    /** Client credentials the simulated Bolagsverket token endpoint accepts, and the lifetime of its tokens. */
    OAuth2 oauth2();

    interface OAuth2 {
        @WithDefault("company-data-gateway")
        String clientId();

        @WithDefault("sandbox-secret")
        String clientSecret();

        @WithDefault("300s")
        Duration tokenLifetime();
    }

    Behaviour bolagsverket();

    Behaviour scb();

    Behaviour skatteverket();

    interface Behaviour {
        @WithDefault("0ms")
        Duration latency();

        /** Uniform random extra latency between 0 and this. */
        @WithDefault("0ms")
        Duration jitter();

        /** Fault applied to every call (reserved identities in the register add their own). */
        @WithDefault("NONE")
        Fault fault();

        /**
         * Close connections that stayed idle this long, as producers and their load balancers do (0 = never).
         * A request that arrives on a connection already idle that long is dropped with the connection:
         * the race a client meets when its request crosses the producer's close.
         */
        @WithDefault("0s")
        Duration idleClose();

        /** The producer's quota per client credential; past it HTTP 429 with Retry-After. */
        Quota quota();
    }

    interface Quota {
        /** Calls per period (SCB: 10 per 10 s); 0: no quota. */
        @WithDefault("0")
        int calls();

        @WithDefault("10s")
        Duration period();
    }

    default Behaviour of(SandboxProducer producer) {
        return switch (producer) {
            case BOLAGSVERKET -> bolagsverket();
            case SCB -> scb();
            case SKATTEVERKET -> skatteverket();
        };
    }
}
