package se.companydata.gateway.client.scb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * SCB Företagsregistret ("sök på variabler") wire format. Requests are a filter on register variables;
 * answers are flat JSON objects whose keys are SCB's variable names and whose values are all strings,
 * only the columns the customer has bought. One organisationsnummer per call: no list operator exists.
 */
final class ScbWire {

    static final String ORGNR_VARIABLE = "OrgNr (10 siffror)";

    private ScbWire() {
    }

    /**
     * A filter. Status fields left out find every company, ceased ones too: a lookup asks about one
     * company by number and must learn of it even when it has ceased. Workplaces: the active ones only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filter(@JsonProperty("Företagsstatus") String foretagsstatus,
                  @JsonProperty("Registreringsstatus") String registreringsstatus,
                  @JsonProperty("Arbetsställestatus") String arbetsstallestatus,
                  @JsonProperty("Variabler") List<Variabel> variabler) {

        static Filter companyByOrgNr(String tenDigits) {
            return new Filter(null, null, null, List.of(Variabel.equalTo(ORGNR_VARIABLE, tenDigits)));
        }

        static Filter activeWorkplacesByOrgNr(String tenDigits) {
            return new Filter(null, null, "1", List.of(Variabel.equalTo(ORGNR_VARIABLE, tenDigits)));
        }
    }

    record Variabel(@JsonProperty("Variabel") String variabel, @JsonProperty("Operator") String operator,
                    @JsonProperty("Varde1") String varde1, @JsonProperty("Varde2") String varde2) {

        static Variabel equalTo(String variable, String value) {
            return new Variabel(variable, "ArLikaMed", value, "");
        }
    }
}
