package se.companydata.gateway.rest;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.UdItem;

/** What a caller asks. Sent as a POST body so identity numbers never end up in URLs and access logs. */
@Schema(description = "A lookup of one company's basic data")
public record LookupRequestBody(
        @Schema(description = "Organisationsnummer (10 digits, hyphen optional, or 16 + 10 digits) or a sole trader's personnummer/samordningsnummer (12 digits)",
                examples = "556338-6597", required = true)
        String identity,
        @Schema(description = "Sole traders only: picks one of several businesses (1–999)")
        @JsonDeserialize(using = StrictJson.WholeNumber.class)
        Integer namnskyddslopnummer,
        @Schema(description = "UD codes (UD0001…) or their aliases; omitted or empty = every item the e-service may receive", examples = "[\"UD0001\", \"fTax\"]")
        List<String> items) {

    LookupRequest toDomain(String transactionId, java.util.Set<UdItem> entitled) {
        return new LookupRequest(CompanyId.parse(identity, namnskyddslopnummer), selection(items), transactionId, entitled);
    }

    /** The items asked for; empty when none are named (every item the caller may receive). */
    static EnumSet<UdItem> selection(List<String> items) {
        if (items == null || items.isEmpty()) {
            return EnumSet.noneOf(UdItem.class);
        }
        EnumSet<UdItem> selected = EnumSet.noneOf(UdItem.class);
        List<String> unknown = new ArrayList<>();
        for (String name : items) {
            if (name == null) {
                unknown.add("null");
                continue;
            }
            UdItem.find(name.strip()).ifPresentOrElse(selected::add, () -> unknown.add("'" + name + "'"));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("unknown item" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + ": give UD codes of SSBTGU v2 (UD0001, UD0002, … UD0052) or their aliases, as listed in the OpenAPI document");
        }
        return selected;
    }
}
