package se.companydata.gateway.client.bolagsverket;

import static se.companydata.gateway.domain.UdItem.*;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.client.FreshConnections;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.Fel;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.KodKlartext;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.Organisation;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.OrganisationerSvar;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** Calls Bolagsverket's {@code POST /organisationer} under its own policy and maps the answer to domain items. */
@ApplicationScoped
public class BolagsverketClient {

    private static final Source SOURCE = Source.BOLAGSVERKET_ORGANISATIONER;

    private final BolagsverketApi api;
    private final FreshConnections fresh;
    private final BolagsverketAccessToken token;
    private final ProducerCallPolicy policy;

    BolagsverketClient(@RestClient BolagsverketApi api, FreshConnections fresh, BolagsverketAccessToken token, ProducersConfig config,
                       ProducerBreakers breakers, MeterRegistry metrics) {
        this.api = api;
        this.fresh = fresh;
        this.token = token;
        this.policy = new ProducerCallPolicy(Producer.Bolagsverket, config.bolagsverket(), breakers, metrics);
    }

    private BolagsverketApi api(ProducerCallPolicy.Connection connection) {
        return connection == ProducerCallPolicy.Connection.FRESH ? fresh.client(BolagsverketApi.class, "bolagsverket") : api;
    }

    /** All businesses registered under the identity (several for a sole trader with several löpnummer). */
    public Uni<ProducerAnswer> organisationer(CompanyId id, CallContext context) {
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
                .map(BolagsverketClient::toAnswer)
                .onFailure(failure -> ProducerCallPolicy.hasStatus(failure, 404))
                .recoverWithItem(() -> ProducerAnswer.notFound(SOURCE, "Bolagsverket has no organisation with this identity")));
    }

    /**
     * Before readiness: the access token fetched, and {@code connections} pooled connections opened and warmed with
     * {@code rounds} liveness calls each (see {@link ConnectionPriming}). A token that cannot be had is a failure.
     */
    public Uni<ConnectionPriming.Primed> prime(int connections, int rounds) {
        return token.authorization().replaceWith(true)
                .onFailure().recoverWithItem(false)
                .flatMap(tokenHeld -> ConnectionPriming.prime(Producer.Bolagsverket, api::isalive, connections, rounds)
                        .map(primed -> tokenHeld ? primed : new ConnectionPriming.Primed(primed.producer(), primed.answered(),
                                primed.failed() + 1, "no access token from the token endpoint")));
    }

    static ProducerAnswer toAnswer(OrganisationerSvar svar) {
        if (svar == null || svar.organisationer() == null) {
            throw new InvalidProducerAnswerException("no 'organisationer' list");
        }
        List<ProducerRecord> records = new ArrayList<>();
        for (Organisation org : svar.organisationer()) {
            if (org == null) {
                throw new InvalidProducerAnswerException("null entry in 'organisationer'");
            }
            if (org.fel() != null) {
                if ("ORGANISATION_FINNS_EJ".equals(org.fel().typ())) {
                    continue;
                }
                throw new InvalidProducerAnswerException("organisation-level error " + org.fel().typ());
            }
            records.add(toRecord(org));
        }
        return records.isEmpty()
                ? ProducerAnswer.notFound(SOURCE, "Bolagsverket has no organisation with this identity")
                : ProducerAnswer.found(SOURCE, records, false);
    }

    private static ProducerRecord toRecord(Organisation org) {
        var values = new HashMap<UdItem, ItemValue>();
        var errors = new HashMap<UdItem, ItemError>();
        var item = new ItemCollector(values, errors);
        var namn = org.organisationsnamn();
        if (namn != null) {
            item.put(UD0001, namn.fel(), namn.organisationsnamnLista() == null || namn.organisationsnamnLista().isEmpty()
                    ? null : new ItemValue.Text(namn.organisationsnamnLista().get(0).namn()));
        }
        item.coded(UD0002, org.juridiskForm());
        item.coded(UD0025, org.organisationsform());
        item.coded(UD0011, org.sateskommun());
        item.coded(UD0012, org.sateslan());
        var post = org.postadressOrganisation();
        if (post != null) {
            var a = post.postadress();
            item.put(UD0003, post.fel(), a == null ? null
                    : new ItemValue.Address(a.coAdress(), a.utdelningsadress(), a.postnummer(), a.postort(), a.land(), null, null));
        }
        if (org.epostadress() != null) {
            item.put(UD0004, org.epostadress().fel(), text(org.epostadress().varde()));
        }
        var ar = org.rakenskapsar();
        if (ar != null) {
            item.put(UD0014, ar.fel(), new ItemValue.FiscalYear(ar.fromManad(), ar.fromDag(), ar.tomManad(), ar.tomDag()));
        }
        var sni = org.naringsgrenOrganisation();
        if (sni != null) {
            item.put(UD0024, sni.fel(), sni.sni() == null ? null
                    : new ItemValue.CodedList(sni.sni().stream().map(s -> new ItemValue.Coded(s.kod(), s.klartext())).toList()));
        }
        if (org.organisationsdatum() != null) {
            item.put(UD0026, org.organisationsdatum().fel(), text(org.organisationsdatum().registreringsdatum()));
        }
        var forfaranden = org.pagaendeAvvecklingsEllerOmstruktureringsforfarande();
        if (forfaranden != null) {
            item.put(UD0027, forfaranden.fel(), forfaranden.forfarandeLista() == null ? null
                    : new ItemValue.Proceedings(forfaranden.forfarandeLista().stream()
                    .map(f -> new ItemValue.Proceeding(f.kod(), f.klartext(), f.fromDatum())).toList()));
        }
        if (org.avregistreradOrganisation() != null) {
            item.put(UD0028, org.avregistreradOrganisation().fel(), text(org.avregistreradOrganisation().avregistreringsdatum()));
        }
        item.description(UD0045, org.firmateckning());
        item.description(UD0046, org.verksamhetsbeskrivning());
        item.description(UD0047, org.funktionarer());
        item.description(UD0048, org.aktieinformation());
        return new ProducerRecord(org.namnskyddslopnummer(), values, errors);
    }

    private static ItemValue text(String value) {
        return value == null ? null : new ItemValue.Text(value);
    }

    /** Puts a block's value, or its producer-side error, under its item. */
    private record ItemCollector(Map<UdItem, ItemValue> values, Map<UdItem, ItemError> errors) {

        void put(UdItem item, Fel fel, ItemValue value) {
            if (fel != null) {
                errors.put(item, ItemError.byProducer(errorType(fel.typ()), fel.felBeskrivning()));
            } else if (value != null) {
                values.put(item, value);
            }
        }

        void coded(UdItem item, KodKlartext block) {
            if (block != null) {
                put(item, block.fel(), block.kod() == null ? null : new ItemValue.Coded(block.kod(), block.klartext()));
            }
        }

        void description(UdItem item, BolagsverketWire.Beskrivning block) {
            if (block != null) {
                put(item, block.fel(), text(block.beskrivning()));
            }
        }
    }

    static ErrorType errorType(String typ) {
        return switch (String.valueOf(typ)) {
            case "ORGANISATION_FINNS_EJ" -> ErrorType.ForetagFinnsEj;
            case "OGILTIG_BEGARAN" -> ErrorType.OgiltigBegaran;
            case "OTILLGANGLIG_UPPGIFTSKALLA" -> ErrorType.OtillgangligUppgiftskalla;
            case "TIMEOUT" -> ErrorType.Timeout;
            default -> ErrorType.Odefinierad;
        };
    }
}
