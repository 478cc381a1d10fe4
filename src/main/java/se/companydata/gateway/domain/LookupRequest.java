package se.companydata.gateway.domain;

import java.time.Duration;
import java.util.Set;

/**
 * A validated question: which company, which items (empty = every item the caller may receive),
 * under which transaction id; what the caller's e-service is entitled to (items, use areas); and, when
 * the caller says so, for what use, on whose behalf, and within what time budget. The last three are
 * null when not given.
 *
 * @param consumer who asks ({@code organisationsnummer/tjänstenamn}): the unit of fair share in producers'
 *                 quota queues; null for the gateway's own lookups (priming)
 */
public record LookupRequest(CompanyId companyId, Set<UdItem> requested, String transactionId, Set<UdItem> entitled,
                            Set<UseArea> approvedUseAreas, UseArea useArea, Party onBehalfOf, Duration timeBudget, String consumer) {

    public LookupRequest(CompanyId companyId, Set<UdItem> requested, String transactionId, Set<UdItem> entitled,
                         Set<UseArea> approvedUseAreas, UseArea useArea, Party onBehalfOf, Duration timeBudget) {
        this(companyId, requested, transactionId, entitled, approvedUseAreas, useArea, onBehalfOf, timeBudget, null);
    }

    public LookupRequest {
        requested = Set.copyOf(requested);
        entitled = Set.copyOf(entitled);
        approvedUseAreas = Set.copyOf(approvedUseAreas);
        if (timeBudget != null && timeBudget.isNegative()) {
            throw new IllegalArgumentException("a time budget cannot be negative");
        }
    }
}
