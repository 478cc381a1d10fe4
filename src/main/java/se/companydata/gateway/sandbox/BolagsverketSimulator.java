package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bolagsverket's VDM v1 {@code POST /organisationer} over the sandbox register, as the published
 * contract answers: typed names, a {@code dataproducent} on every block (several blocks are SCB's
 * data), {@code fel: null} on healthy blocks, an unknown company as an HTTP 200 whose every block says
 * {@code ORGANISATION_FINNS_EJ}, and errors as {@code ApiError} bodies. VDM v1 holds no e-mail, seat,
 * fiscal year, signatories, officers or shares, so neither does this.
 */
final class BolagsverketSimulator {

    private static final String UNKNOWN = "ORGANISATION_FINNS_EJ";
    /** The blocks of an organisation with their value fields, which a block carrying a {@code fel} sends as null. */
    private static final Map<String, List<String>> BLOCKS = blocks();

    private static Map<String, List<String>> blocks() {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        blocks.put("organisationsnamn", List.of("organisationsnamnLista"));
        blocks.put("organisationsform", List.of("kod", "klartext"));
        blocks.put("juridiskForm", List.of("kod", "klartext"));
        blocks.put("verksamOrganisation", List.of("kod"));
        blocks.put("postadressOrganisation", List.of("postadress"));
        blocks.put("verksamhetsbeskrivning", List.of("beskrivning"));
        blocks.put("organisationsdatum", List.of("registreringsdatum", "infortHosScb"));
        blocks.put("avregistreradOrganisation", List.of("avregistreringsdatum"));
        blocks.put("avregistreringsorsak", List.of("kod", "klartext"));
        blocks.put("pagaendeAvvecklingsEllerOmstruktureringsforfarande", List.of("pagaendeAvvecklingsEllerOmstruktureringsforfarandeLista"));
        blocks.put("naringsgrenOrganisation", List.of("sni"));
        return blocks;
    }

    private final SandboxRegister register;

    BolagsverketSimulator(SandboxRegister register) {
        this.register = register;
    }

    SimulatedAnswer organisationer(JsonNode request) {
        String id = request.path("identitetsbeteckning").asText("");
        if (!id.matches("\\d{10}|\\d{12}")) {
            return apiError(400, "client.error", "Bad Request", "Identitetsbeteckning har ogiltigt format.");
        }
        List<SandboxCompany> found = register.byIdentity(id);
        List<Object> organisationer = new ArrayList<>();
        if (found.isEmpty()) {
            organisationer.add(unknown());
        }
        for (SandboxCompany c : found) {
            organisationer.add(organisation(c));
        }
        return SimulatedAnswer.json(Map.of("organisationer", organisationer), found.isEmpty() ? null : found.get(0));
    }

    /**
     * Företagsinformation (our model of that API, see the client's ForetagsinformationWire): fiscal year, signatory
     * rule, officers and share information, for the information sets asked for; an unknown company is an empty list.
     */
    SimulatedAnswer organisationsinformation(JsonNode request) {
        String id = request.path("identitetsbeteckning").asText("");
        if (!id.matches("\\d{10}|\\d{12}")) {
            return apiError(400, "client.error", "Bad Request", "Identitetsbeteckning har ogiltigt format.");
        }
        List<String> sets = new ArrayList<>();
        request.path("informationsmangder").forEach(set -> sets.add(set.asText()));
        List<SandboxCompany> found = register.byIdentity(id);
        List<Object> organisationer = new ArrayList<>();
        for (SandboxCompany c : found) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("identitetsbeteckning", c.identitetsbeteckning());
            o.put("namnskyddslopnummer", c.namnskyddslopnummer());
            if (sets.contains("RAKENSKAPSAR") && c.rakenskapsar() != null) {
                o.put("rakenskapsar", c.rakenskapsar());
            }
            if (sets.contains("FIRMATECKNING") && c.firmateckning() != null) {
                o.put("firmateckning", Map.of("klartext", c.firmateckning()));
            }
            if (sets.contains("FUNKTIONARER") && c.funktionarer() != null) {
                o.put("funktionarer", Map.of("klartext", c.funktionarer()));
            }
            if (sets.contains("AKTIEINFORMATION") && c.aktier() != null) {
                o.put("aktieinformation", Map.of("klartext", c.aktier()));
            }
            organisationer.add(o);
        }
        return SimulatedAnswer.json(Map.of("organisationer", organisationer), found.isEmpty() ? null : found.get(0));
    }

    /** Bolagsverket's error body (after RFC 7807): type, instance, status, title, detail, timestamp, requestId. */
    static SimulatedAnswer apiError(int status, String instance, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("instance", instance);
        body.put("timestamp", Instant.now().toString());
        body.put("requestId", null);
        body.put("status", status);
        body.put("title", title);
        body.put("detail", detail);
        return new SimulatedAnswer(status, "application/json", body, null);
    }

    /** VDM's answer for an identity it has no organisation for: one entry, every block carrying only that error. */
    private static Map<String, Object> unknown() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("organisationsidentitet", null);
        o.put("namnskyddslopnummer", null);
        for (String block : BLOCKS.keySet()) {
            o.put(block, failed(block, "Bolagsverket", UNKNOWN, "Organisationen finns inte."));
        }
        return o;
    }

    private static Map<String, Object> organisation(SandboxCompany c) {
        Map<String, Object> o = new LinkedHashMap<>();
        boolean person = c.identitetsbeteckning().length() == 12;
        o.put("organisationsidentitet", Map.of("identitetsbeteckning", c.identitetsbeteckning(),
                "typ", person ? Map.of("kod", "PERSONNUMMER", "klartext", "n/a") : Map.of("kod", "ORGANISATIONSNUMMER", "klartext", "n/a")));
        o.put("namnskyddslopnummer", c.namnskyddslopnummer());
        List<Map<String, Object>> names = new ArrayList<>();
        names.add(name(c.namn(), "FORETAGSNAMN", "Företagsnamn", c.registreringsdatum()));
        c.andraNamn().forEach(n -> names.add(name(n.namn(), n.typ(), n.klartext(), c.registreringsdatum())));
        o.put("organisationsnamn", block("Bolagsverket", "organisationsnamnLista", names));
        o.put("registreringsland", Map.of("kod", "SE-LAND", "klartext", "Sverige"));
        o.put("organisationsform", coded("Bolagsverket", c.organisationsform()));
        o.put("juridiskForm", person ? null : coded("SCB", c.juridiskForm()));
        o.put("verksamOrganisation", person ? null : block("SCB", "kod", c.avregistreringsdatum() == null ? "JA" : "NEJ"));
        var a = c.postadress();
        Map<String, Object> postadress = new LinkedHashMap<>();
        postadress.put("utdelningsadress", a.utdelningsadress());
        postadress.put("coAdress", a.coAdress());
        postadress.put("postnummer", a.postnummer());
        postadress.put("postort", a.postort());
        postadress.put("land", a.land());
        // Aktiebolag and the like: SCB keeps the postal address VDM hands out; a sole trader's is Bolagsverket's.
        o.put("postadressOrganisation", block(person ? "Bolagsverket" : "SCB", "postadress", postadress));
        o.put("verksamhetsbeskrivning", block("Bolagsverket", "beskrivning", c.verksamhetsbeskrivning()));
        Map<String, Object> datum = block("Bolagsverket", "registreringsdatum", c.registreringsdatum());
        datum.put("infortHosScb", null);
        o.put("organisationsdatum", datum);
        if (c.avregistreringsdatum() != null) {
            // VDM gives some dates as a date-time at midnight UTC.
            o.put("avregistreradOrganisation", block("Bolagsverket", "avregistreringsdatum", c.avregistreringsdatum() + "T00:00:00.000+00:00"));
            o.put("avregistreringsorsak", c.avregistreringsorsak() == null ? null : coded("Bolagsverket", c.avregistreringsorsak()));
        }
        o.put("pagaendeAvvecklingsEllerOmstruktureringsforfarande", c.forfaranden().isEmpty() ? null
                : block("Bolagsverket", "pagaendeAvvecklingsEllerOmstruktureringsforfarandeLista", c.forfaranden().stream()
                        .map(f -> Map.of("kod", f.kod(), "klartext", f.klartext(), "fromDatum", f.fromDatum())).toList()));
        o.put("naringsgrenOrganisation", person ? null : block("SCB", "sni", c.sni().stream().map(s -> coded(s)).toList()));
        // A block the producer itself could not fill: its value fields null, and its own error.
        c.fel().forEach((name, typ) -> o.put(name, failed(name, o.get(name) instanceof Map<?, ?> m && "SCB".equals(m.get("dataproducent"))
                ? "SCB" : "Bolagsverket", typ, "Uppkoppling mot källan misslyckades. Efterfrågade uppgifter kunde inte hämtas.")));
        return o;
    }

    private static Map<String, Object> name(String namn, String kod, String klartext, String registreringsdatum) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("registreringsdatum", registreringsdatum);
        n.put("namn", namn);
        n.put("organisationsnamntyp", Map.of("kod", kod, "klartext", klartext));
        n.put("verksamhetsbeskrivningSarskiltForetagsnamn", null);
        return n;
    }

    private static Map<String, Object> block(String dataproducent, String field, Object value) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(field, value);
        b.put("fel", null);
        b.put("dataproducent", dataproducent);
        return b;
    }

    private static Map<String, Object> coded(String dataproducent, SandboxCompany.Coded c) {
        Map<String, Object> b = block(dataproducent, "kod", c.kod());
        b.put("klartext", c.klartext());
        return b;
    }

    private static Map<String, Object> coded(SandboxCompany.Coded c) {
        return Map.of("kod", c.kod(), "klartext", c.klartext());
    }

    private static Map<String, Object> failed(String block, String dataproducent, String typ, String beskrivning) {
        Map<String, Object> b = new LinkedHashMap<>();
        BLOCKS.getOrDefault(block, List.of()).forEach(field -> b.put(field, null));
        b.put("dataproducent", dataproducent);
        b.put("fel", Map.of("typ", typ, "felBeskrivning", beskrivning));
        return b;
    }
}
