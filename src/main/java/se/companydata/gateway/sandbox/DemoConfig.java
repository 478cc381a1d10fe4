package se.companydata.gateway.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The demo e-service (sandbox only): a prefilled permit form served on its own plain-HTTP port. */
@ConfigMapping(prefix = "gateway.demo")
public interface DemoConfig {

    /** Where the page is served (HTTP). Unset: no demo. The sandbox serves it on 8090. */
    Optional<Integer> port();

    /** Loopback by default: the demo is for the person at this machine. */
    @WithDefault("127.0.0.1")
    String host();

    /** The TLS configuration with the client certificate the demo's server side calls the API with (a registered consumer). */
    @WithDefault("demo")
    String tlsConfigurationName();

    /** The e-service it calls as (X-Service-Name), registered for that certificate's organisation. */
    @WithDefault("DEMOSERVERING")
    String service();
}
