package se.companydata.gateway.soap;

import static se.companydata.gateway.soap.Ssbtgu.LOOKUP;
import static se.companydata.gateway.soap.Ssbtgu.METADATA;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import se.companydata.gateway.config.SsbtguConfig;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.RandomIds;
import se.companydata.gateway.domain.PrimingSample;

/**
 * Before readiness: the SOAP adapter reads a {@code GetForetagsuppgifter} call for the priming
 * sample and writes its answer, as often as priming asks, so its XML code is compiled before the
 * first municipality calls.
 */
@ApplicationScoped
class SsbtguPriming {

    private final SsbtguRequestReader reader;
    private final SsbtguParty gateway;

    SsbtguPriming(SsbtguRequestReader reader, SsbtguConfig config) {
        this.reader = reader;
        // The call is the gateway's own and never leaves the process: it names the gateway as its consumer
        // (or, where no Formedlare is configured, Bolagsverket's organisationsnummer, a valid one).
        this.gateway = SsbtguParty.formedlare(config).orElse(new SsbtguParty(IdentityType.Organisationsnummer,
                Producer.Bolagsverket.organisationsnummer(), "priming", "PRIMING"));
    }

    void prime(@Observes PrimingSample sample) {
        byte[] call = SoapEnvelope.of(call(sample)).getBytes(StandardCharsets.UTF_8);
        SsbtguAnswers.Header header = new SsbtguAnswers.Header("priming", gateway, gateway, gateway);
        for (int i = 0; i < sample.repetitions(); i++) {
            reader.read(call, "text/xml; charset=UTF-8", Ssbtgu.SOAP_ACTION);
            SoapEnvelope.of(SsbtguAnswers.answer(header, sample.result()));
        }
    }

    private XmlNode call(PrimingSample sample) {
        var details = XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterBegaranDetaljer").add(SsbtguAnswers.foretagId(sample.request().companyId()));
        for (ItemResult item : sample.result().items()) {
            details.add(XmlNode.text(LOOKUP, "GrundlaggandeUppgiftId", item.item().name()));
        }
        var metadata = XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterBegaranMetadata")
                .add(XmlNode.text(METADATA, "MeddelandeId", RandomIds.uuid()))
                .add(XmlNode.text(METADATA, "TransaktionId", "priming"))
                .add(XmlNode.text(METADATA, "Tidstampel", OffsetDateTime.now().toString()))
                .add(gateway.node("Datakonsument"))
                .add(new SsbtguParty(gateway.idType(), gateway.number(), gateway.name(), null).node("Anvandare"));
        return XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterBegaran").attribute("SchemaVersion", Ssbtgu.SCHEMA_VERSION)
                .add(metadata.build()).add(details.build()).build();
    }
}
