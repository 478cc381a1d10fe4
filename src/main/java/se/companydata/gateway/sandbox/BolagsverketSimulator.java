package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bolagsverket's {@code POST /organisationer} over the sandbox register, in the VDM v1 shape. */
final class BolagsverketSimulator {

    private final SandboxRegister register;

    BolagsverketSimulator(SandboxRegister register) {
        this.register = register;
    }

    SimulatedAnswer organisationer(JsonNode request) {
        String id = request.path("identitetsbeteckning").asText("");
        if (!id.matches("\\d{10}|\\d{12}")) {
            return SimulatedAnswer.problem(400, "Bad Request", "Identitetsbeteckning måste vara 10 eller 12 siffror.");
        }
        List<SandboxCompany> found = register.byIdentity(id);
        List<Object> organisationer = new ArrayList<>();
        if (found.isEmpty()) {
            organisationer.add(Map.of("organisationsidentitet", Map.of("identitetsbeteckning", id),
                    "fel", Map.of("typ", "ORGANISATION_FINNS_EJ", "felBeskrivning", "Organisationen finns inte.")));
        }
        for (SandboxCompany c : found) {
            organisationer.add(organisation(c));
        }
        return SimulatedAnswer.json(Map.of("organisationer", organisationer), found.isEmpty() ? null : found.get(0));
    }

    private static Map<String, Object> organisation(SandboxCompany c) {
        Map<String, Object> o = new LinkedHashMap<>();
        boolean person = c.identitetsbeteckning().length() == 12;
        o.put("organisationsidentitet", Map.of("identitetsbeteckning", c.identitetsbeteckning(),
                "typ", person ? Map.of("kod", "PERSONNUMMER", "klartext", "Personnummer")
                        : Map.of("kod", "ORGANISATIONSNUMMER", "klartext", "Organisationsnummer")));
        if (c.namnskyddslopnummer() != null) {
            o.put("namnskyddslopnummer", c.namnskyddslopnummer());
        }
        o.put("organisationsnamn", Map.of("organisationsnamnLista", List.of(Map.of("namn", c.namn(),
                "organisationsnamntyp", Map.of("kod", "FORETAGSNAMN", "klartext", "Företagsnamn")))));
        o.put("organisationsform", coded(c.organisationsform()));
        o.put("juridiskForm", coded(c.juridiskForm()));
        o.put("organisationsdatum", Map.of("registreringsdatum", c.registreringsdatum()));
        if (c.avregistreringsdatum() != null) {
            o.put("avregistreradOrganisation", Map.of("avregistreringsdatum", c.avregistreringsdatum()));
        }
        if (!c.forfaranden().isEmpty()) {
            o.put("pagaendeAvvecklingsEllerOmstruktureringsforfarande", Map.of("forfarandeLista", c.forfaranden()));
        }
        o.put("verksamhetsbeskrivning", Map.of("beskrivning", c.verksamhetsbeskrivning()));
        o.put("naringsgrenOrganisation", Map.of("sni", c.sni().stream().map(BolagsverketSimulator::coded).toList()));
        var a = c.postadress();
        Map<String, Object> postadress = new LinkedHashMap<>();
        postadress.put("utdelningsadress", a.utdelningsadress());
        if (a.coAdress() != null) {
            postadress.put("coAdress", a.coAdress());
        }
        postadress.put("postnummer", a.postnummer());
        postadress.put("postort", a.postort());
        postadress.put("land", a.land());
        o.put("postadressOrganisation", Map.of("postadress", postadress));
        o.put("epostadress", Map.of("varde", c.epost()));
        o.put("sateskommun", coded(c.sateskommun()));
        o.put("sateslan", coded(c.sateslan()));
        o.put("rakenskapsar", c.rakenskapsar());
        o.put("firmateckning", Map.of("beskrivning", c.firmateckning()));
        o.put("funktionarer", Map.of("beskrivning", c.funktionarer()));
        if (c.aktier() != null) {
            o.put("aktieinformation", Map.of("beskrivning", c.aktier()));
        }
        // A block the producer itself could not fill: it carries only its own error.
        c.fel().forEach((block, typ) -> o.put(block, Map.of("fel", Map.of("typ", typ,
                "felBeskrivning", "Uppgiften kunde inte hämtas från källan."))));
        return o;
    }

    private static Map<String, String> coded(SandboxCompany.Coded c) {
        return Map.of("kod", c.kod(), "klartext", c.klartext());
    }
}
