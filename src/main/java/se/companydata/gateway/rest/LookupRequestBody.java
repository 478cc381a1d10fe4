package se.companydata.gateway.rest;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.Party;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.security.Entitlement;

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
        List<String> items,
        @Schema(description = "On whose behalf the e-service asks (SSBTGU Anvandare): recorded in the audit trail")
        Anvandare anvandare,
        @Schema(description = "What the data is used for (SSBTGU Anvandningsomrade): must be one the e-service is approved for; recorded in the audit trail")
        UseArea anvandningsomrade) {

    /** A person (personnummer) or an organisation (organisationsnummer), and its name. */
    @Schema(description = "A person or an organisation: exactly one of organisationsnummer and personnummer, and optionally a name")
    public record Anvandare(String organisationsnummer, String personnummer, String namn) {

        Party toDomain() {
            if ((organisationsnummer == null) == (personnummer == null)) {
                throw new InvalidRequestException("anvandare takes exactly one of organisationsnummer and personnummer");
            }
            CompanyId id = CompanyId.parse(organisationsnummer != null ? organisationsnummer : personnummer, null);
            IdentityType expected = organisationsnummer != null ? IdentityType.Organisationsnummer : IdentityType.Personnummer;
            if (id.type() != expected && !(expected == IdentityType.Personnummer && id.type().isSoleTrader())) {
                throw new InvalidRequestException("anvandare." + (organisationsnummer != null ? "organisationsnummer" : "personnummer")
                        + " is a " + id.type());
            }
            return new Party(id, namn);
        }
    }

    /** The JSON API has no time budget of its own: a lookup gets the configured deadline. */
    LookupRequest toDomain(String transactionId, Entitlement entitlement) {
        return new LookupRequest(CompanyId.parse(identity, namnskyddslopnummer), selection(items), transactionId, entitlement.items(),
                entitlement.useAreas(), anvandningsomrade, anvandare == null ? null : anvandare.toDomain(), (Duration) null,
                entitlement.organisationsnummer() + "/" + entitlement.tjanstenamn());
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
