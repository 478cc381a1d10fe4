package se.companydata.gateway.client.bolagsverket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** OAuth2 client credentials for Bolagsverket's API; the tokens themselves are the OIDC client's (quarkus-oidc-client). */
@ConfigMapping(prefix = "gateway.producers.bolagsverket.oauth2")
public interface BolagsverketOAuth2Config {

    @WithDefault("true")
    boolean enabled();

    /** The token endpoint (RFC 6749 §4.4, client authenticated with HTTP Basic); required when enabled. */
    Optional<URI> tokenUrl();

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

    /** How long one token request may take (connection included). */
    @WithDefault("5s")
    Duration timeout();
}
