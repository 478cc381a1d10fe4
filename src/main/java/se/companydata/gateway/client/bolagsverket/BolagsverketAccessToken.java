package se.companydata.gateway.client.bolagsverket;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import se.companydata.gateway.client.InvalidProducerAnswerException;

/**
 * The gateway's Bolagsverket access tokens, one per scope (data, and liveness): obtained with client
 * credentials, reused until {@code refresh-margin} before they expire, and fetched once however many
 * lookups need one at once.
 */
@ApplicationScoped
public class BolagsverketAccessToken {

    private static final Logger LOG = Logger.getLogger(BolagsverketAccessToken.class);

    private record Token(String value, long renewAtNanos) {
    }

    /** One scope's token: the current one, and the fetch under way, shared by every caller needing it then. */
    private final class Slot {
        private final String scope;
        private final AtomicReference<Token> current = new AtomicReference<>();
        private final AtomicReference<Uni<Token>> renewal = new AtomicReference<>();

        Slot(String scope) {
            this.scope = scope;
        }

        Uni<String> authorization() {
            if (!config.enabled()) {
                return Uni.createFrom().nullItem();
            }
            Token token = current.get();
            if (token != null && System.nanoTime() < token.renewAtNanos()) {
                return Uni.createFrom().item("Bearer " + token.value());
            }
            Uni<Token> inFlight = renewal.get();
            if (inFlight == null) {
                Uni<Token> fresh = fetch().memoize().indefinitely();
                inFlight = renewal.compareAndSet(null, fresh) ? fresh : renewal.get();
            }
            Uni<Token> mine = inFlight;
            return mine.onItemOrFailure().invoke(() -> renewal.compareAndSet(mine, null)).map(t -> "Bearer " + t.value());
        }

        private Uni<Token> fetch() {
            String basic = "Basic " + Base64.getEncoder().encodeToString((config.clientId().orElseThrow() + ":"
                    + config.clientSecret().orElseThrow()).getBytes(StandardCharsets.UTF_8));
            return api.token(basic, "client_credentials", scope).map(response -> {
                if (response == null || response.accessToken() == null || !"bearer".equalsIgnoreCase(response.tokenType())) {
                    throw new InvalidProducerAnswerException("the token endpoint's answer holds no bearer access token");
                }
                long lifetimeSeconds = response.expiresIn() == null ? 60 : response.expiresIn();
                long renewIn = Math.max(0, lifetimeSeconds * 1_000_000_000L - config.refreshMargin().toNanos());
                Token token = new Token(response.accessToken(), System.nanoTime() + renewIn);
                current.set(token);
                LOG.debugf("New Bolagsverket access token for %s, valid %d s", scope, lifetimeSeconds);
                return token;
            });
        }
    }

    private final BolagsverketTokenApi api;
    private final BolagsverketOAuth2Config config;
    private final Slot read;
    private final Slot ping;
    private final Slot foretagsinformation;

    BolagsverketAccessToken(@RestClient BolagsverketTokenApi api, BolagsverketOAuth2Config config) {
        this.api = api;
        this.config = config;
        if (config.enabled() && (config.clientId().isEmpty() || config.clientSecret().isEmpty())) {
            throw new IllegalStateException("Bolagsverket OAuth2 is enabled but gateway.producers.bolagsverket.oauth2.client-id "
                    + "and .client-secret are not both set (or set gateway.producers.bolagsverket.oauth2.enabled=false)");
        }
        this.read = new Slot(config.scope());
        this.ping = new Slot(config.pingScope());
        this.foretagsinformation = new Slot(config.foretagsinformationScope());
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
        read.current.set(null);
    }
}
