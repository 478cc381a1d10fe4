package se.companydata.gateway.client.scb;


import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import org.eclipse.microprofile.config.Config;
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

/**
 * Calls SCB's Företagsregistret ({@code HamtaForetag}, {@code HamtaArbetsstallen}) under one policy
 * — one breaker and one bulkhead for the producer — and maps SCB's flat string rows to domain items.
 */
@ApplicationScoped
public class ScbClient implements ProducerClient {

    private final ScbApi api;
    private final FreshConnections fresh;
    private final ProducerCallPolicy policy;
    private final Vertx vertx;
    /** SCB's announced alternative to its client certificate; null: the certificate alone. */
    private final String apiKey;
    private final TlsConfigurationRegistry tls;
    private final Config settings;

    ScbClient(@RestClient ScbApi api, FreshConnections fresh, ProducersConfig config, ProducerBreakers breakers, ProducerQuotas quotas,
              MeterRegistry metrics, Vertx vertx, TlsConfigurationRegistry tls, Config settings) {
        this.api = api;
        this.apiKey = config.scb().apiKey().orElse(null);
        this.vertx = vertx;
        this.tls = tls;
        this.settings = settings;
        this.fresh = fresh;
        this.policy = new ProducerCallPolicy(Producer.SCB, config.scb(), breakers, metrics, quotas.of("scb"));
    }

    private ScbApi api(ProducerCallPolicy.Connection connection) {
        return connection == ProducerCallPolicy.Connection.FRESH ? fresh.client(ScbApi.class, "scb") : api;
    }

    /**
     * Before readiness: SCB has no liveness endpoint and counts every request against its quota, so priming makes
     * {@code connections} TLS handshakes with SCB's client certificate and sends no request (see {@link ConnectionPriming}).
     */
    @Override
    public Optional<Uni<ConnectionPriming.Primed>> prime(int connections, int rounds) {
        return Optional.of(handshakes(connections));
    }

    private Uni<ConnectionPriming.Primed> handshakes(int connections) {
        var tlsConfiguration = settings.getOptionalValue("quarkus.rest-client.scb.tls-configuration-name", String.class).flatMap(tls::get);
        var url = settings.getOptionalValue("quarkus.rest-client.scb.url", String.class);
        if (tlsConfiguration.isEmpty() || url.isEmpty()) {
            return Uni.createFrom().item(new ConnectionPriming.Primed(Producer.SCB, 0, 1, "no SCB URL or TLS configuration"));
        }
        return ConnectionPriming.handshakes(Producer.SCB, vertx, tlsConfiguration.get(), URI.create(url.get()), connections);
    }

    @Override
    public Set<Source> sources() {
        return Set.of(Source.SCB_FORETAG, Source.SCB_ARBETSSTALLEN);
    }

    @Override
    public Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context) {
        return source == Source.SCB_ARBETSSTALLEN ? arbetsstallen(id, context) : foretag(id, context);
    }

    Uni<ProducerAnswer> foretag(CompanyId id, CallContext context) {
        var filter = ScbWire.Filter.companyByOrgNr(id.tenDigits());
        return policy.call(Source.SCB_FORETAG, id, context,
                connection -> api(connection).hamtaForetag(context.transactionId(), apiKey, filter).map(ScbMapping::foretagAnswer));
    }

    Uni<ProducerAnswer> arbetsstallen(CompanyId id, CallContext context) {
        var filter = ScbWire.Filter.activeWorkplacesByOrgNr(id.tenDigits());
        return policy.call(Source.SCB_ARBETSSTALLEN, id, context,
                connection -> api(connection).hamtaArbetsstallen(context.transactionId(), apiKey, filter).map(ScbMapping::arbetsstallenAnswer));
    }
}
