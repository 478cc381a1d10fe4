package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import se.companydata.gateway.domain.Producer;

/** The gateway's own knobs; every one is listed in the README. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Lookup lookup();

    Cache cache();

    Items items();

    interface Lookup {
        /** Overall time budget of one lookup, producers included. */
        @WithDefault("2s")
        Duration deadline();
    }

    interface Cache {
        @WithDefault("60s")
        Duration ttl();

        /** Bound on cached producer answers (each identity has up to four, one per source). */
        @WithDefault("20000")
        long maxEntries();
    }

    interface Items {
        /** Primary producer of each UD item: "en producent – en primär källa". */
        Map<String, Producer> producer();
    }
}
