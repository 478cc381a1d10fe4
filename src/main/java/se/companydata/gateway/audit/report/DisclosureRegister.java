package se.companydata.gateway.audit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.AuditSource;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.IdentityType;

/**
 * Every disclosure about one company or sole trader (GDPR article 15; the composite service's insight
 * for companies): when, to which consumer organisation and e-service, for which use, on whose behalf,
 * which items with their producer, and which were withheld and why. Requests refused as malformed
 * never name a company, so they are listed under no one. Another person's identity is never shown:
 * a person on whose behalf a consumer asked appears only as "a person", unless it is the subject.
 */
public final class DisclosureRegister {

    public static final String ANOTHER_PERSON = "another person (identity not shown)";

    public record Register(String subject, String subjectType, Instant from, Instant to, int entries, List<Entry> disclosures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant time, String transactionId, String outcome, String consumerOrganisationsnummer, String eService,
                        String useArea, AuditRecord.OnBehalfOf onBehalfOf, Integer namnskyddslopnummer,
                        List<AuditRecord.Disclosed> disclosed, List<AuditRecord.Withheld> withheld, String refusal) {
    }

    private DisclosureRegister() {
    }

    /** @throws se.companydata.gateway.domain.InvalidIdentityException when the subject is no valid identity */
    public static Register of(String subject, Instant from, Instant to, AuditSource source, ObjectMapper json) throws Exception {
        CompanyId id = CompanyId.parse(subject, null);
        List<Entry> entries = new ArrayList<>();
        source.read(id.number(), from, to, stored -> {
            AuditRecord r = json.readValue(stored.json(), AuditRecord.class);
            if (!id.number().equals(r.company())) {
                return;
            }
            entries.add(new Entry(r.time(), r.transactionId(), r.outcome().name(), r.callerOrganisationsnummer(), r.tjanstenamn(),
                    r.useArea(), onBehalfOf(r.onBehalfOf(), id), r.namnskyddslopnummer(), r.disclosed(), r.withheld(),
                    r.outcome() == AuditRecord.Outcome.REFUSED || r.outcome() == AuditRecord.Outcome.FAILED ? r.problem() : null));
        });
        entries.sort(Comparator.comparing(Entry::time).thenComparing(Entry::transactionId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Register(id.number(), id.type().name(), from, to, entries.size(), entries);
    }

    private static AuditRecord.OnBehalfOf onBehalfOf(AuditRecord.OnBehalfOf who, CompanyId subject) {
        if (who == null || IdentityType.Organisationsnummer.name().equals(who.type()) || subject.number().equals(who.number())) {
            return who;
        }
        return new AuditRecord.OnBehalfOf(who.type(), null, ANOTHER_PERSON);
    }

    /** One row per disclosure; items as {@code UD0001 (Bolagsverket)} lists separated by "; ". */
    public static String csv(Register register) {
        StringBuilder out = new StringBuilder("time,transaction_id,outcome,consumer_organisationsnummer,e_service,use_area,"
                + "on_behalf_of_type,on_behalf_of_number,on_behalf_of_name,namnskyddslopnummer,items_disclosed,items_withheld,refusal\r\n");
        for (Entry e : register.disclosures()) {
            AuditRecord.OnBehalfOf who = e.onBehalfOf();
            List<String> cells = List.of(String.valueOf(e.time()), nz(e.transactionId()), e.outcome(), nz(e.consumerOrganisationsnummer()),
                    nz(e.eService()), nz(e.useArea()), who == null ? "" : nz(who.type()), who == null ? "" : nz(who.number()),
                    who == null ? "" : nz(who.name()), e.namnskyddslopnummer() == null ? "" : e.namnskyddslopnummer().toString(),
                    e.disclosed() == null ? "" : e.disclosed().stream().map(d -> d.item() + " (" + d.producer() + ")").collect(Collectors.joining("; ")),
                    e.withheld() == null ? "" : e.withheld().stream().map(w -> w.item() + " (" + w.producer() + ": " + w.errorType() + ", " + w.reason() + ")")
                            .collect(Collectors.joining("; ")),
                    nz(e.refusal()));
            out.append(cells.stream().map(DisclosureRegister::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula. */
    private static String cell(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+") ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
