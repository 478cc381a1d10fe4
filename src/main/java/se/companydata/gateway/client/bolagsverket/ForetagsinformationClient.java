package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import se.companydata.gateway.client.FreshConnections;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.client.ProducerQuotas;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import java.util.Set;
import se.companydata.gateway.client.ProducerClient;
import se.companydata.gateway.domain.Source;

/**
 * Calls Bolagsverket's Företagsinformation API, an optional fourth producer endpoint with its own URL,
 * OAuth2 scope and policy (Bolagsverket's breaker). Without {@code quarkus.rest-client.foretagsinformation.url}
 * it calls nothing: its items then carry the gateway's own error saying no source is configured, never
 * a "no such value" that would be false.
 */
@ApplicationScoped
public class ForetagsinformationClient implements ProducerClient {

    static final String URL_PROPERTY = "quarkus.rest-client.foretagsinformation.url";

    private final Instance<ForetagsinformationApi> api;
    private final FreshConnections fresh;
    private final BolagsverketAccessToken token;
    private final ProducerCallPolicy policy;
    private final boolean configured;

    // An Instance: the client can only be built with a URL, and an unconfigured deployment has none.
    ForetagsinformationClient(@RestClient Instance<ForetagsinformationApi> api, FreshConnections fresh, BolagsverketAccessToken token,
                              ProducersConfig config, ProducerBreakers breakers, ProducerQuotas quotas, MeterRegistry metrics, ObjectMapper json,
                              Config settings) {
        this.api = api;
        this.fresh = fresh;
        this.token = token;
        this.policy = new ProducerCallPolicy(Producer.Bolagsverket, config.bolagsverket(), breakers, metrics, quotas.of("foretagsinformation"),
                body -> BolagsverketClient.apiErrorDetail(json, body));
        this.configured = settings.getOptionalValue(URL_PROPERTY, String.class).filter(url -> !url.isBlank()).isPresent();
    }

    /** Whether this deployment has the endpoint (the start-up check and the self-test say so when it has not). */
    public boolean configured() {
        return configured;
    }

    @Override
    public Set<Source> sources() {
        return Set.of(ForetagsinformationMapping.SOURCE);
    }

    @Override
    public Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context) {
        return organisationsinformation(id, context);
    }

    Uni<ProducerAnswer> organisationsinformation(CompanyId id, CallContext context) {
        if (!configured) {
            return Uni.createFrom().item(ProducerAnswer.failed(ForetagsinformationMapping.SOURCE, ItemError.byGateway(
                    ErrorType.OtillgangligUppgiftskalla, "no source is configured for this item: Bolagsverket's Företagsinformation API ("
                            + URL_PROPERTY + ") is not set up in this deployment")));
        }
        var request = new ForetagsinformationWire.Begaran(id.withoutLopnummer().number(), ForetagsinformationWire.SETS);
        return policy.call(ForetagsinformationMapping.SOURCE, id.withoutLopnummer(), context, connection -> token.foretagsinformationAuthorization()
                .flatMap(authorization -> (connection == ProducerCallPolicy.Connection.FRESH
                        ? fresh.client(ForetagsinformationApi.class, "foretagsinformation") : api.get())
                        .organisationsinformation(authorization, context.transactionId(), request))
                .map(ForetagsinformationMapping::toAnswer));
    }
}
