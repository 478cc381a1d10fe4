package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The SSBTGU v2 SOAP endpoint: how the gateway names itself in answers (Formedlare). */
@ConfigMapping(prefix = "gateway.ssbtgu")
public interface SsbtguConfig {

    /** The intermediary every answer names; without it answers carry no Formedlare (it is optional in the contract). */
    Optional<Formedlare> formedlare();

    interface Formedlare {
        /** The operating organisation's organisationsnummer (10 digits). */
        String organisationsnummer();

        String name();

        @WithDefault("SSBTGU")
        String serviceName();
    }
}
