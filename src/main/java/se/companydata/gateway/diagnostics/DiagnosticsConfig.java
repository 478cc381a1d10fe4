package se.companydata.gateway.diagnostics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The connection self-test's own listener: off unless a port is set (the sandbox sets one). */
@ConfigMapping(prefix = "gateway.diagnostics")
public interface DiagnosticsConfig {

    /** HTTPS port that requests, but does not require, a client certificate. Unset: no listener. */
    Optional<Integer> port();

    @WithDefault("0.0.0.0")
    String host();

    /** The TLS configuration whose key pair the listener presents, and whose trust store it checks callers against. */
    @WithDefault("api")
    String tlsConfigurationName();
}
