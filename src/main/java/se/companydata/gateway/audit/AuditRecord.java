package se.companydata.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One disclosure decision, as the audit trail keeps it (spårbarhet): who asked, as which e-service,
 * with which certificate, about which company, for which items; what was disclosed and by which
 * producer, what was withheld and why; and how the request ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(Instant time, String transactionId, String callerOrganisationsnummer, String tjanstenamn,
                          String certificateSerial, String certificateIssuer, String company, Integer namnskyddslopnummer,
                          OnBehalfOf onBehalfOf, String useArea, String roleCertificateId,
                          List<String> itemsAsked, List<Disclosed> disclosed, List<Withheld> withheld, Outcome outcome,
                          int httpStatus, String problem, long latencyMillis) {

    /** The person or organisation the consumer asked on behalf of (SSBTGU {@code Anvandare}), as the consumer named it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnBehalfOf(String type, String number, String name) {
    }

    public enum Outcome {
        /** Complete: every asked item has its value or the truth about it (UppgiftFinnsEj, ForetagFinnsEj, EjBehorig). */
        ANSWERED,
        /** Answered, but some item is missing for want of a producer or its quota ({@code ErrorType.isShortfall()}). */
        PARTIAL,
        /** Refused before any lookup: certificate, registration, rate limit, malformed request, unknown company. */
        REFUSED,
        /** The gateway failed. */
        FAILED
    }

    public record Disclosed(String item, String producer) {
    }

    public record Withheld(String item, String producer, String errorType, String reason) {
    }
}
