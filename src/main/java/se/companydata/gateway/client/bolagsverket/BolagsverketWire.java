package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Bolagsverket "Värdefulla datamängder" v1 wire format, as far as the gateway reads it. Every block
 * may carry its own {@code fel}. Blocks marked "extension" are not in the public API: they carry the
 * items SSBTGU takes from Bolagsverket's register (e-mail, seat, fiscal year, signatories, shares).
 */
final class BolagsverketWire {

    private BolagsverketWire() {
    }

    record OrganisationerBegaran(String identitetsbeteckning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrganisationerSvar(List<Organisation> organisationer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisation(
            Identitet organisationsidentitet,
            Integer namnskyddslopnummer,
            Namn organisationsnamn,
            KodKlartext organisationsform,
            KodKlartext juridiskForm,
            Avregistrering avregistreradOrganisation,
            Forfaranden pagaendeAvvecklingsEllerOmstruktureringsforfarande,
            Organisationsdatum organisationsdatum,
            Beskrivning verksamhetsbeskrivning,
            Naringsgren naringsgrenOrganisation,
            PostadressBlock postadressOrganisation,
            Text epostadress,
            KodKlartext sateskommun,
            KodKlartext sateslan,
            Rakenskapsar rakenskapsar,
            Beskrivning firmateckning,
            Beskrivning funktionarer,
            Beskrivning aktieinformation,
            Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fel(String typ, String felBeskrivning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Identitet(String identitetsbeteckning, KodKlartext typ) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Namn(List<NamnPost> organisationsnamnLista, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamnPost(String namn, KodKlartext organisationsnamntyp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KodKlartext(String kod, String klartext, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Text(String varde, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Beskrivning(String beskrivning, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Avregistrering(String avregistreringsdatum, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Forfaranden(List<Forfarande> forfarandeLista, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Forfarande(String kod, String klartext, String fromDatum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisationsdatum(String registreringsdatum, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Naringsgren(List<KodKlartext> sni, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostadressBlock(Postadress postadress, Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Postadress(String utdelningsadress, String coAdress, String postnummer, String postort, String land) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rakenskapsar(String fromManad, String fromDag, String tomManad, String tomDag, Fel fel) {
    }
}
