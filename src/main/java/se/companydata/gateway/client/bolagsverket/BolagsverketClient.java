package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.client.FreshConnections;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.client.ProducerQuotas;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.ApiError;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.OrganisationerSvar;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;
import java.util.Optional;
import java.util.Set;
import se.companydata.gateway.client.ProducerClient;

/** Calls Bolagsverket's {@code POST /organisationer} under its own policy and maps the answer to domain items. */
@ApplicationScoped
public class BolagsverketClient implements ProducerClient {

    private static final Source SOURCE = BolagsverketMapping.SOURCE;

    private final BolagsverketApi api;
    private final FreshConnections fresh;
    private final BolagsverketAccessToken token;
    private final ProducerCallPolicy policy;

    BolagsverketClient(@RestClient BolagsverketApi api, FreshConnections fresh, BolagsverketAccessToken token, ProducersConfig config,
                       ProducerBreakers breakers, ProducerQuotas quotas, MeterRegistry metrics, ObjectMapper json) {
        this.api = api;
        this.fresh = fresh;
        this.token = token;
        this.policy = new ProducerCallPolicy(Producer.Bolagsverket, config.bolagsverket(), breakers, metrics, quotas.of("bolagsverket"),
                body -> apiErrorDetail(json, body));
    }

    private BolagsverketApi api(ProducerCallPolicy.Connection connection) {
        return connection == ProducerCallPolicy.Connection.FRESH ? fresh.client(BolagsverketApi.class, "bolagsverket") : api;
    }

    @Override
    public Set<Source> sources() {
        return Set.of(SOURCE);
    }

    @Override
    public Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context) {
        return organisationer(id, context);
    }

    /** All businesses registered under the identity (several for a sole trader with several löpnummer). */
    Uni<ProducerAnswer> organisationer(CompanyId id, CallContext context) {
        var request = new BolagsverketWire.OrganisationerBegaran(id.withoutLopnummer().number());
        // The token is part of each attempt: failing to get one is Bolagsverket being unavailable.
        // A 401 means the token was revoked or rotated and nothing was done: one more try with a fresh token.
        Function<ProducerCallPolicy.Connection, Uni<OrganisationerSvar>> call = connection -> token.authorization()
                .flatMap(authorization -> api(connection).organisationer(authorization, context.transactionId(), request));
        return policy.call(SOURCE, id.withoutLopnummer(), context, connection -> call.apply(connection)
                .onFailure(failure -> ProducerCallPolicy.hasStatus(failure, 401)).recoverWithUni(() -> {
                    token.reject();
                    return call.apply(connection);
                })
                // VDM answers an unknown company with a 200 whose blocks say so (never a 404): the mapping reads it.
                .map(BolagsverketMapping::toAnswer));
    }

    /**
     * Before readiness: the access token fetched, and {@code connections} pooled connections opened and warmed with
     * {@code rounds} liveness calls each (see {@link ConnectionPriming}). A token that cannot be had is a failure.
     */
    @Override
    public Optional<Uni<ConnectionPriming.Primed>> prime(int connections, int rounds) {
        return Optional.of(primeConnections(connections, rounds));
    }

    private Uni<ConnectionPriming.Primed> primeConnections(int connections, int rounds) {
        // Both tokens: the data scope's, which lookups need, and the ping scope's, which /isalive needs.
        return token.authorization().flatMap(read -> token.pingAuthorization()).replaceWith(true)
                .onFailure().recoverWithItem(false)
                .flatMap(tokenHeld -> ConnectionPriming.prime(Producer.Bolagsverket,
                                () -> token.pingAuthorization().flatMap(api::isalive), connections, rounds)
                        .map(primed -> tokenHeld ? primed : new ConnectionPriming.Primed(primed.producer(), primed.answered(),
                                primed.failed() + 1, "no access token from the token endpoint")));
    }

    /** An ApiError body's title and detail, for the item's error description; null for a body that is not one. */
    static String apiErrorDetail(ObjectMapper json, String body) {
        try {
            ApiError error = json.readValue(body, ApiError.class);
            if (error == null || (error.title() == null && error.detail() == null)) {
                return null;
            }
            return error.detail() == null ? error.title() : error.title() == null ? error.detail() : error.title() + " – " + error.detail();
        } catch (IOException notAnApiError) {
            return null;
        }
    }
}
