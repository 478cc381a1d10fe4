package se.companydata.gateway.domain;

import java.util.Set;

/**
 * A validated question: which company, which items (empty = every item the caller may receive),
 * under which transaction id, and the items the caller's e-service is entitled to.
 */
public record LookupRequest(CompanyId companyId, Set<UdItem> requested, String transactionId, Set<UdItem> entitled) {

    public LookupRequest {
        requested = Set.copyOf(requested);
        entitled = Set.copyOf(entitled);
    }
}
