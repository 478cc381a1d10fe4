package se.companydata.gateway.client.bolagsverket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** OAuth2 client credentials for Bolagsverket's API (token URL: {@code quarkus.rest-client.bolagsverket-token.url}). */
@ConfigMapping(prefix = "gateway.producers.bolagsverket.oauth2")
public interface BolagsverketOAuth2Config {

    @WithDefault("true")
    boolean enabled();

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** The scope of data calls ({@code POST /organisationer}). */
    @WithDefault("vardefulla-datamangder:read")
    String scope();

    /** The scope {@code GET /isalive} needs: priming warms connections with it. */
    @WithDefault("vardefulla-datamangder:ping")
    String pingScope();

    /** The scope of the Företagsinformation API (optional endpoint): our guess at its name, configurable. */
    @WithDefault("foretagsinformation:read")
    String foretagsinformationScope();

    /** A token is renewed this long before it expires, so no call carries an expiring one. */
    @WithDefault("30s")
    Duration refreshMargin();
}
