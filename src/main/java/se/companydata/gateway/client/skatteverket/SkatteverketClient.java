package se.companydata.gateway.client.skatteverket;


import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.client.FreshConnections;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.client.ProducerQuotas;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;
import java.util.Optional;
import java.util.Set;
import se.companydata.gateway.client.ProducerClient;

/** Calls Skatteverket's registration lookup under its own policy and maps it to domain items. */
@ApplicationScoped
public class SkatteverketClient implements ProducerClient {

    private static final Source SOURCE = SkatteverketMapping.SOURCE;

    private final SkatteverketApi api;
    private final FreshConnections fresh;
    private final ProducerCallPolicy policy;

    SkatteverketClient(@RestClient SkatteverketApi api, FreshConnections fresh, ProducersConfig config, ProducerBreakers breakers,
              ProducerQuotas quotas, MeterRegistry metrics) {
        this.api = api;
        this.fresh = fresh;
        this.policy = new ProducerCallPolicy(Producer.Skatteverket, config.skatteverket(), breakers, metrics, quotas.of("skatteverket"));
    }

    private SkatteverketApi api(ProducerCallPolicy.Connection connection) {
        return connection == ProducerCallPolicy.Connection.FRESH ? fresh.client(SkatteverketApi.class, "skatteverket") : api;
    }

    /** Before readiness: {@code connections} pooled connections opened and warmed (see {@link ConnectionPriming}). */
    @Override
    public Optional<Uni<ConnectionPriming.Primed>> prime(int connections, int rounds) {
        return Optional.of(ConnectionPriming.prime(Producer.Skatteverket, api::isalive, connections, rounds));
    }

    @Override
    public Set<Source> sources() {
        return Set.of(SOURCE);
    }

    @Override
    public Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context) {
        return registrering(id, context);
    }

    Uni<ProducerAnswer> registrering(CompanyId id, CallContext context) {
        var fraga = new SkatteverketWire.Fraga(id.withoutLopnummer().number());
        return policy.call(SOURCE, id.withoutLopnummer(), context, connection -> api(connection).registrering(context.transactionId(), fraga)
                .map(SkatteverketMapping::toAnswer)
                .onFailure(failure -> ProducerCallPolicy.hasStatus(failure, 404))
                .recoverWithItem(() -> ProducerAnswer.notFound(SOURCE, "Skatteverket has no registration for this identity")));
    }
}
