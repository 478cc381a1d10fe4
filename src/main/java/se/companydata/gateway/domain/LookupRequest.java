package se.companydata.gateway.domain;

import java.util.Set;

/** A validated question: which company, which items, under which transaction id. */
public record LookupRequest(CompanyId companyId, Set<UdItem> items, String transactionId) {

    public LookupRequest {
        items = Set.copyOf(items);
    }
}
