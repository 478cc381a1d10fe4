package se.companydata.gateway.client.skatteverket;

import static se.companydata.gateway.domain.UdItem.*;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.client.FreshConnections;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.client.ProducerQuotas;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** Calls Skatteverket's registration lookup under its own policy and maps it to domain items. */
@ApplicationScoped
public class SkatteverketClient {

    private static final Source SOURCE = Source.SKATTEVERKET_REGISTRERINGAR;

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
    public Uni<ConnectionPriming.Primed> prime(int connections, int rounds) {
        return ConnectionPriming.prime(Producer.Skatteverket, api::isalive, connections, rounds);
    }

    public Uni<ProducerAnswer> registrering(CompanyId id, CallContext context) {
        var fraga = new SkatteverketWire.Fraga(id.withoutLopnummer().number());
        return policy.call(SOURCE, id.withoutLopnummer(), context, connection -> api(connection).registrering(context.transactionId(), fraga)
                .map(SkatteverketClient::toAnswer)
                .onFailure(failure -> ProducerCallPolicy.hasStatus(failure, 404))
                .recoverWithItem(() -> ProducerAnswer.notFound(SOURCE, "Skatteverket has no registration for this identity")));
    }

    static ProducerAnswer toAnswer(SkatteverketWire.Registrering r) {
        if (r == null || r.identitetsbeteckning() == null) {
            throw new InvalidProducerAnswerException("registration without 'identitetsbeteckning'");
        }
        var values = new EnumMap<UdItem, ItemValue>(UdItem.class);
        if (r.fskatt() != null) {
            values.put(UD0029, new ItemValue.Text(r.fskatt()));
        }
        if (r.momsregistrerad() != null) {
            values.put(UD0031, new ItemValue.Text(r.momsregistrerad()));
        }
        if (r.arbetsgivarregistrerad() != null) {
            values.put(UD0033, new ItemValue.Text(r.arbetsgivarregistrerad()));
        }
        if (r.namn() != null) {
            values.put(UD0020, new ItemValue.PersonName(r.namn().fornamn(), r.namn().efternamn()));
        }
        var a = r.folkbokforingsadress();
        if (a != null) {
            values.put(UD0023, new ItemValue.Address(a.coAdress(), a.utdelningsadress(), a.postnummer(), a.postort(),
                    null, null, null));
        }
        return ProducerAnswer.found(SOURCE, List.of(new ProducerRecord(null, values, Map.of())),
                Boolean.TRUE.equals(r.skyddadIdentitet()));
    }
}
