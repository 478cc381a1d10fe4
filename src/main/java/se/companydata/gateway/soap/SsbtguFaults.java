package se.companydata.gateway.soap;

import static se.companydata.gateway.soap.Ssbtgu.FAULT;
import static se.companydata.gateway.soap.Ssbtgu.METADATA;
import static se.companydata.gateway.soap.Ssbtgu.SOAP_11;

import java.time.OffsetDateTime;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.RandomIds;

/**
 * A refused request as SOAP 1.1 requires: a {@code soap:Fault} (HTTP 500 by the SOAP rule) whose
 * {@code detail} is an SSBTGU {@code Servicefel} naming the error type and why.
 */
final class SsbtguFaults {

    private SsbtguFaults() {
    }

    static String envelope(SoapFault fault, String transactionId, SsbtguParty formedlare) {
        var metadata = XmlNode.builder(FAULT, "ServicefelMetadata").add(XmlNode.text(METADATA, "MeddelandeId", RandomIds.uuid()));
        if (transactionId != null) {
            metadata.add(XmlNode.text(METADATA, "TransaktionId", transactionId));
        }
        metadata.add(XmlNode.text(METADATA, "Tidstampel", OffsetDateTime.now().toString()));
        if (formedlare != null) {
            metadata.add(formedlare.node("Formedlare"));
        }
        XmlNode servicefel = XmlNode.builder(FAULT, "Servicefel").attribute("SchemaVersion", Ssbtgu.SCHEMA_VERSION)
                .add(metadata.build())
                .add(XmlNode.of(FAULT, "ServicefelDetaljer", SsbtguAnswers.fel(ItemError.byGateway(fault.type(), fault.getMessage()))))
                .build();
        // SOAP 1.1: faultcode, faultstring and detail are unqualified elements.
        XmlNode soapFault = XmlNode.of(SOAP_11, "Fault",
                XmlNode.text("", "faultcode", fault.faultCode()),
                XmlNode.text("", "faultstring", fault.getMessage()),
                XmlNode.of("", "detail", servicefel));
        return SoapEnvelope.of(soapFault);
    }
}
