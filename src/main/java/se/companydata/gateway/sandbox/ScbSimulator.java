package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SCB's {@code HamtaForetag} and {@code HamtaArbetsstallen} over the sandbox register, as SCB answers:
 * flat rows of strings under SCB's column names, unused industry slots as blanks, and a filter whose
 * status fields, when given, leave ceased companies (and workplaces) out.
 */
final class ScbSimulator {

    private final SandboxRegister register;

    ScbSimulator(SandboxRegister register) {
        this.register = register;
    }

    SimulatedAnswer hamtaForetag(JsonNode filter) {
        String orgNr = orgNr(filter);
        if (orgNr == null) {
            return SimulatedAnswer.problem(400, "Bad Request", "Filtret saknar variabeln OrgNr (10 siffror).");
        }
        boolean activeOnly = "1".equals(filter.path("Företagsstatus").asText(null));
        List<SandboxCompany> found = register.byTenDigits(orgNr).stream()
                .filter(c -> !activeOnly || c.avregistreringsdatum() == null).toList();
        if (found.isEmpty()) {
            return SimulatedAnswer.json(List.of(), null);
        }
        // A sole trader is one enterprise at SCB however many names Bolagsverket protects.
        SandboxCompany c = found.get(0);
        Map<String, String> row = new LinkedHashMap<>();
        row.put("OrgNr", c.tenDigits());
        row.put("PeOrgNr", c.identitetsbeteckning().length() == 12 ? c.identitetsbeteckning() : "16" + c.identitetsbeteckning());
        row.put("Företagsnamn", c.namn());
        row.put("COAdress", nullToEmpty(c.postadress().coAdress()));
        row.put("PostAdress", c.postadress().utdelningsadress());
        row.put("PostNr", c.postadress().postnummer());
        row.put("PostOrt", c.postadress().postort());
        var b = c.besoksadress();
        row.put("BesöksAdress", b.utdelningsadress());
        row.put("BesöksPostNr", b.postnummer());
        row.put("BesöksPostOrt", b.postort());
        row.put("Besökskommun, kod", b.kommunKod());
        row.put("Besökskommun", b.kommunNamn());
        row.put("Besökslän, kod", b.lanKod());
        row.put("Besökslän", b.lanNamn());
        row.put("Säteskommun, kod", c.sateskommun().kod());
        row.put("Säteskommun", c.sateskommun().klartext());
        row.put("Säteslän, kod", c.sateslan().kod());
        row.put("Säteslän", c.sateslan().klartext());
        row.put("Juridisk form, kod", c.juridiskForm().kod());
        row.put("Juridisk form", c.juridiskForm().klartext());
        row.put("Telefon", c.telefon());
        row.put("E-post", nullToEmpty(c.epost()));
        row.put("Antal arbetsställen", String.valueOf(c.arbetsstallen().size()));
        industries(row, c.sni());
        row.put("Fskattstatus, kod", c.skatt().get("fskatt"));
        row.put("Momsstatus, kod", c.skatt().get("moms"));
        row.put("Arbetsgivarstatus, kod", c.skatt().get("arbetsgivare"));
        row.put("Stkl, oms, kod", c.storleksklassOmsattning().kod());
        row.put("Stkl, oms", c.storleksklassOmsattning().klartext());
        row.put("Stkl, kod", c.storleksklassAnstallda().kod());
        row.put("Stkl", c.storleksklassAnstallda().klartext());
        return SimulatedAnswer.json(List.of(row), c);
    }

    SimulatedAnswer hamtaArbetsstallen(JsonNode filter) {
        String orgNr = orgNr(filter);
        if (orgNr == null) {
            return SimulatedAnswer.problem(400, "Bad Request", "Filtret saknar variabeln OrgNr (10 siffror).");
        }
        List<SandboxCompany> found = register.byTenDigits(orgNr);
        List<Map<String, String>> rows = new ArrayList<>();
        for (SandboxCompany c : found) {
            for (SandboxCompany.Workplace w : c.arbetsstallen()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("CFARNr", w.cfarNummer());
                row.put("OrgNr", c.tenDigits());
                row.put("Benämning", w.benamning());
                row.put("Huvudarbetsställe", w.huvudarbetsstalle() ? "Ja" : "Nej");
                row.put("PostAdress", w.postadress().utdelningsadress());
                row.put("PostNr", w.postadress().postnummer());
                row.put("PostOrt", w.postadress().postort());
                row.put("BesöksAdress", w.besoksadress().utdelningsadress());
                row.put("BesöksPostNr", w.besoksadress().postnummer());
                row.put("BesöksPostOrt", w.besoksadress().postort());
                row.put("Telefon", w.telefon());
                industries(row, w.sni());
                row.put("Stkl, kod", w.storleksklassAnstallda().kod());
                row.put("Stkl", w.storleksklassAnstallda().klartext());
                rows.add(row);
            }
        }
        return SimulatedAnswer.json(rows, found.isEmpty() ? null : found.get(0));
    }

    /** Five industry slots, always: the unused ones are blanks, as SCB sends them. */
    private static void industries(Map<String, String> row, List<SandboxCompany.Coded> sni) {
        for (int i = 0; i < 5; i++) {
            row.put("Bransch_" + (i + 1) + ", kod", i < sni.size() ? sni.get(i).kod() : "     ");
            row.put("Bransch_" + (i + 1), i < sni.size() ? sni.get(i).klartext() : " ");
        }
    }

    private static String orgNr(JsonNode filter) {
        for (JsonNode v : filter.path("Variabler")) {
            if ("OrgNr (10 siffror)".equals(v.path("Variabel").asText()) && v.path("Varde1").asText().matches("\\d{10}")) {
                return v.path("Varde1").asText();
            }
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
