package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Bolagsverket "Värdefulla datamängder" (VDM) v1, {@code POST /organisationer}, as far as the gateway
 * reads it: the project's own model of the published contract. Every block may carry its producer
 * ({@code dataproducent}: Bolagsverket or SCB) and its own {@code fel}; a block whose {@code fel} is set
 * has its value fields null. Values are strings; dates come as {@code YYYY-MM-DD} or as a date-time.
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
            KodBlock organisationsform,
            KodBlock juridiskForm,
            KodBlock verksamOrganisation,
            Avregistrering avregistreradOrganisation,
            KodBlock avregistreringsorsak,
            // One published example spells the block without the first "e"; read both, so a proceeding is never missed.
            @JsonAlias("pagandeAvvecklingsEllerOmstruktureringsforfarande") Forfaranden pagaendeAvvecklingsEllerOmstruktureringsforfarande,
            Organisationsdatum organisationsdatum,
            Beskrivning verksamhetsbeskrivning,
            Naringsgren naringsgrenOrganisation,
            PostadressBlock postadressOrganisation) {
    }

    /** What every block may carry besides its value. */
    interface Block {
        String dataproducent();

        Fel fel();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fel(String typ, String felBeskrivning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KodKlartext(String kod, String klartext) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Identitet(String identitetsbeteckning, KodKlartext typ) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Namn(List<NamnPost> organisationsnamnLista, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamnPost(String namn, KodKlartext organisationsnamntyp, String registreringsdatum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KodBlock(String kod, String klartext, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Beskrivning(String beskrivning, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Avregistrering(String avregistreringsdatum, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Forfaranden(
            @JsonAlias("pagandeAvvecklingsEllerOmstruktureringsforfarandeLista") List<Forfarande> pagaendeAvvecklingsEllerOmstruktureringsforfarandeLista,
            String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Forfarande(String kod, String klartext, String fromDatum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisationsdatum(String registreringsdatum, String infortHosScb, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Naringsgren(List<KodKlartext> sni, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostadressBlock(Postadress postadress, String dataproducent, Fel fel) implements Block {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Postadress(String utdelningsadress, String coAdress, String postnummer, String postort, String land) {
    }

    /** Bolagsverket's error body for 400/401/403/404/500 (after RFC 7807). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiError(String type, String instance, Integer status, String title, String detail, String requestId) {
    }
}
