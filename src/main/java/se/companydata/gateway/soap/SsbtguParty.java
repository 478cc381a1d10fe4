package se.companydata.gateway.soap;

import java.util.Optional;
import se.companydata.gateway.config.SsbtguConfig;
import se.companydata.gateway.domain.IdentityType;

/**
 * A party of an SSBTGU exchange as the metadata names it ({@code PartId}, {@code PartNamn}, optional
 * {@code Service/ServiceNamn}): the consumer, the user it asks for, the intermediary, a producer.
 */
record SsbtguParty(IdentityType idType, String number, String name, String serviceName) {

    /** The gateway itself as answers name it ({@code Formedlare}), if configured. */
    static Optional<SsbtguParty> formedlare(SsbtguConfig config) {
        return config.formedlare().map(f -> new SsbtguParty(IdentityType.Organisationsnummer, f.organisationsnummer(), f.name(),
                f.serviceName().orElse("SSBTGU")));
    }

    /** {@code element} is Datakonsument, Anvandare, Formedlare or Dataproducent (all in the metadata namespace). */
    XmlNode node(String element) {
        // The metadata PartId knows organisationsnummer and personnummer; a samordningsnummer is written as the latter.
        String idElement = idType == IdentityType.Organisationsnummer ? "Organisationsnummer" : "Personnummer";
        var party = XmlNode.builder(Ssbtgu.METADATA, element)
                .add(XmlNode.of(Ssbtgu.METADATA, "PartId", XmlNode.text(Ssbtgu.METADATA, idElement, number)))
                .add(XmlNode.text(Ssbtgu.METADATA, "PartNamn", name));
        if (serviceName != null) {
            party.add(XmlNode.of(Ssbtgu.METADATA, "Service", XmlNode.text(Ssbtgu.METADATA, "ServiceNamn", serviceName)));
        }
        return party.build();
    }
}
