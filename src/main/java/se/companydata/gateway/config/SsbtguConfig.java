package se.companydata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The SSBTGU v2 SOAP endpoint: how the gateway names itself in answers (Formedlare). */
@ConfigMapping(prefix = "gateway.ssbtgu")
public interface SsbtguConfig {

    /** The intermediary every answer names; without it answers carry no Formedlare (it is optional in the contract). */
    Optional<Formedlare> formedlare();

    /**
     * The endpoint's public address, as the WSDL's {@code soap:address} gives it (e.g. {@code https://gateway.example.se/ssbtgu/v2}).
     * From configuration, never from the request's {@code Host} header, which any caller can set.
     */
    @WithDefault("https://localhost:8443/ssbtgu/v2")
    String address();

    interface Formedlare {
        /** The operating organisation's organisationsnummer (10 digits). */
        String organisationsnummer();

        String name();

        /**
         * The service the answers name (default SSBTGU). Optional rather than defaulted: a default would make the whole
         * optional group present, and an unconfigured gateway would then refuse to start for want of the other two.
         */
        Optional<String> serviceName();
    }
}
