package se.companydata.gateway.domain;

import java.time.Duration;
import java.util.Set;

/**
 * A validated question: which company, which items (empty = every item the caller may receive),
 * under which transaction id; what the caller's e-service is entitled to (items, use areas); and, when
 * the caller says so, for what use, on whose behalf, and within what time budget. The last three are
 * null when not given.
 */
public record LookupRequest(CompanyId companyId, Set<UdItem> requested, String transactionId, Set<UdItem> entitled,
                            Set<UseArea> approvedUseAreas, UseArea useArea, Party onBehalfOf, Duration timeBudget) {

    public LookupRequest {
        requested = Set.copyOf(requested);
        entitled = Set.copyOf(entitled);
        approvedUseAreas = Set.copyOf(approvedUseAreas);
        if (timeBudget != null && timeBudget.isNegative()) {
            throw new IllegalArgumentException("a time budget cannot be negative");
        }
    }
}
