package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Bolagsverket's paid Företagsinformation API (v4), as far as the gateway reads it: fiscal year,
 * signatory rule, officers and share information. <strong>A model, not a published contract:</strong>
 * Bolagsverket describes this API only in outline (its own scope, a request naming the information sets
 * wanted), so the path, the set names and the field names here are our guess after VDM v1's style
 * (blocks with {@code fel}, typed codes, strings). Replace them with the real ones when a contract is had.
 */
final class ForetagsinformationWire {

    /** The information sets asked for: exactly the four SSBTGU takes from this API. */
    static final List<String> SETS = List.of("RAKENSKAPSAR", "FIRMATECKNING", "FUNKTIONARER", "AKTIEINFORMATION");

    private ForetagsinformationWire() {
    }

    record Begaran(String identitetsbeteckning, List<String> informationsmangder) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Svar(List<Organisation> organisationer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisation(String identitetsbeteckning, Integer namnskyddslopnummer, Rakenskapsar rakenskapsar,
                        Text firmateckning, Text funktionarer, Text aktieinformation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rakenskapsar(String fromManad, String fromDag, String tomManad, String tomDag, BolagsverketWire.Fel fel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Text(String klartext, BolagsverketWire.Fel fel) {
    }
}
