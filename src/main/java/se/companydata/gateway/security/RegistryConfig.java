package se.companydata.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway.registry")
public interface RegistryConfig {

    /** The consumer registry file (YAML); in Kubernetes a mounted ConfigMap. */
    String file();

    /** How often the file is checked for a new version. */
    @WithDefault("10s")
    Duration reloadInterval();
}
