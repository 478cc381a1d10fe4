package se.companydata.gateway.client.skatteverket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Our own small Skatteverket contract (Skatteverket has no public REST API for these items):
 * {@code POST /v1/registreringar} with an identity number, answered with the tax registrations and,
 * for a sole trader, name, folkbokföringsadress and the protected-identity marking. 404 when unknown.
 */
final class SkatteverketWire {

    private SkatteverketWire() {
    }

    record Fraga(String identitetsbeteckning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Registrering(String identitetsbeteckning, String fskatt, String momsregistrerad,
                        String arbetsgivarregistrerad, Boolean skyddadIdentitet, Namn namn, Adress folkbokforingsadress) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Namn(String fornamn, String efternamn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Adress(String coAdress, String utdelningsadress, String postnummer, String postort) {
    }
}
