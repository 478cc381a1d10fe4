package se.companydata.gateway.client.scb;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * SCB Företagsregistret API wire format. Requests are a filter on register variables; answers are
 * flat JSON objects whose keys are SCB's variable names and whose values are all strings.
 */
final class ScbWire {

    static final String ORGNR_VARIABLE = "OrgNr (10 siffror)";

    private ScbWire() {
    }

    record Filter(@JsonProperty("Företagsstatus") String foretagsstatus,
                  @JsonProperty("Registreringsstatus") String registreringsstatus,
                  List<Variabel> variabler) {

        static Filter byOrgNr(String tenDigits) {
            return new Filter("1", "1", List.of(new Variabel(ORGNR_VARIABLE, "ArLikaMed", tenDigits, "")));
        }
    }

    record Variabel(@JsonProperty("Variabel") String variabel, @JsonProperty("Operator") String operator,
                    @JsonProperty("Varde1") String varde1, @JsonProperty("Varde2") String varde2) {
    }
}
