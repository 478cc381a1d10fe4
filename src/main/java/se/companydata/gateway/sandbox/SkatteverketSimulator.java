package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Our Skatteverket contract over the sandbox register. Sends the address even for a protected person: withholding it is the gateway's job. */
final class SkatteverketSimulator {

    private final SandboxRegister register;

    SkatteverketSimulator(SandboxRegister register) {
        this.register = register;
    }

    SimulatedAnswer registrering(JsonNode request) {
        String id = request.path("identitetsbeteckning").asText("");
        List<SandboxCompany> found = register.byIdentity(id);
        if (found.isEmpty()) {
            return SimulatedAnswer.problem(404, "Not Found", "Ingen registrering för identitetsbeteckningen.");
        }
        SandboxCompany c = found.get(0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("identitetsbeteckning", id);
        r.put("fskatt", c.skatt().get("fskatt"));
        r.put("momsregistrerad", c.skatt().get("moms"));
        r.put("arbetsgivarregistrerad", c.skatt().get("arbetsgivare"));
        var p = c.person();
        r.put("skyddadIdentitet", p != null && p.skyddadIdentitet());
        if (p != null) {
            r.put("namn", Map.of("fornamn", p.fornamn(), "efternamn", p.efternamn()));
            var a = p.folkbokforingsadress();
            r.put("folkbokforingsadress", Map.of("utdelningsadress", a.utdelningsadress(), "postnummer", a.postnummer(),
                    "postort", a.postort()));
        }
        return SimulatedAnswer.json(r, c);
    }
}
