package se.companydata.gateway.client.bolagsverket;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret.Method;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.security.RevocationConfig;

/**
 * The gateway's Bolagsverket access tokens, one per scope (data, liveness, Företagsinformation), through
 * quarkus-oidc-client: client credentials sent with HTTP Basic, each token kept and renewed {@code refresh-margin}
 * before it expires, one request however many lookups need a token at once ({@link TokensHelper}).
 * <p>
 * The OIDC client is made at the first need, after {@code ProducerCertificateRevocation} has put the revocation
 * check into Bolagsverket's TLS configuration, so the token endpoint's certificate is checked like the API's. Its
 * handshake runs on an event loop, where that check does not wait; so each token request is preceded by one
 * handshake off the loop that establishes the verdict, and no client secret reaches a server whose certificate is
 * revoked (or unknown under hard-fail).
 */
@ApplicationScoped
public class BolagsverketAccessToken {

    /** One scope's tokens, and whether the producer said the current one is no good. */
    private final class Scope {
        private final Map<String, String> grant;
        private final TokensHelper tokens = new TokensHelper();
        private final AtomicBoolean rejected = new AtomicBoolean();

        Scope(String scope) {
            this.grant = Map.of("scope", scope);
        }

        Uni<String> authorization() {
            if (!config.enabled()) {
                return Uni.createFrom().nullItem();
            }
            boolean renew = rejected.compareAndSet(true, false);
            return client.flatMap(oidc -> tokens.getTokens(oidc, grant, renew)).map(t -> "Bearer " + t.getAccessToken());
        }
    }

    private final BolagsverketOAuth2Config config;
    private final Vertx vertx;
    private final TlsConfigurationRegistry registry;
    private final String tlsName;
    private final boolean revocationChecked;
    /** Made once, at the first need (after start: see the class comment). */
    private final Uni<OidcClient> client;
    private final Scope read;
    private final Scope ping;
    private final Scope foretagsinformation;

    BolagsverketAccessToken(OidcClients clients, BolagsverketOAuth2Config config, Vertx vertx, TlsConfigurationRegistry registry,
                            RevocationConfig revocation,
                            @ConfigProperty(name = "quarkus.rest-client.bolagsverket.tls-configuration-name") String tlsName) {
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
        this.tlsName = tlsName;
        this.revocationChecked = revocation.enabled();
        if (config.enabled() && (config.tokenUrl().isEmpty() || config.clientId().isEmpty() || config.clientSecret().isEmpty())) {
            throw new IllegalStateException("Bolagsverket OAuth2 is enabled but gateway.producers.bolagsverket.oauth2.token-url, "
                    + ".client-id and .client-secret are not all set (or set gateway.producers.bolagsverket.oauth2.enabled=false)");
        }
        this.client = config.enabled()
                ? Uni.createFrom().deferred(() -> clients.newClient(clientConfig())).map(TokenEndpoint::new).map(OidcClient.class::cast)
                        .memoize().indefinitely()
                : Uni.createFrom().nullItem();
        this.read = new Scope(config.scope());
        this.ping = new Scope(config.pingScope());
        this.foretagsinformation = new Scope(config.foretagsinformationScope());
    }

    private OidcClientConfig clientConfig() {
        return new OidcClientConfigBuilder().id("bolagsverket").tokenPath(config.tokenUrl().orElseThrow().toString())
                .discoveryEnabled(false).clientId(config.clientId().orElseThrow())
                .credentials().clientSecret(config.clientSecret().orElseThrow(), Method.BASIC).end()
                .grant(OidcClientConfig.Grant.Type.CLIENT).refreshTokenTimeSkew(config.refreshMargin())
                .connectionTimeout(config.timeout())
                // Retrying is the producer call policy's (a token request is part of each of its attempts): one
                // reconnect for a pooled connection the server had closed, no more (0 is refused by the library).
                .connectionRetryCount(1)
                .tlsConfigurationName(tlsName).build();
    }

    /** The Authorization header value for a data call (scope {@code vardefulla-datamangder:read}), or null when OAuth2 is off. */
    public Uni<String> authorization() {
        return read.authorization();
    }

    /** The Authorization header value for {@code GET /isalive} (scope {@code vardefulla-datamangder:ping}), or null when OAuth2 is off. */
    public Uni<String> pingAuthorization() {
        return ping.authorization();
    }

    /** The Authorization header value for Företagsinformation (its own scope), or null when OAuth2 is off. */
    public Uni<String> foretagsinformationAuthorization() {
        return foretagsinformation.authorization();
    }

    /** A producer said the data token is no good: the next call fetches a new one. */
    public void reject() {
        read.rejected.set(true);
    }

    /** The OIDC client, each token request preceded by the revocation verdict on the endpoint's certificate. */
    private final class TokenEndpoint implements OidcClient {
        private final OidcClient oidc;

        TokenEndpoint(OidcClient oidc) {
            this.oidc = oidc;
        }

        @Override
        public Uni<Tokens> getTokens(Map<String, String> grant) {
            return verdict().flatMap(checked -> oidc.getTokens(grant)).memoize().indefinitely();
        }

        @Override
        public Uni<Tokens> refreshTokens(String refreshToken, Map<String, String> grant) {
            return verdict().flatMap(checked -> oidc.refreshTokens(refreshToken, grant)).memoize().indefinitely();
        }

        @Override
        public Uni<Boolean> revokeAccessToken(String accessToken, Map<String, String> parameters) {
            return oidc.revokeAccessToken(accessToken, parameters);
        }

        @Override
        public void close() throws IOException {
            oidc.close();
        }

        private Uni<Void> verdict() {
            if (!revocationChecked) {
                return Uni.createFrom().voidItem();
            }
            URI url = config.tokenUrl().orElseThrow();
            return ConnectionPriming.handshakes(Producer.Bolagsverket, vertx, registry.get(tlsName).orElseThrow(), url, 1)
                    .flatMap(primed -> primed.failed() == 0 ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(new SSLHandshakeException("Bolagsverket's token endpoint " + url.getHost()
                                    + " was not trusted: " + primed.firstFailure())));
        }
    }
}
