package se.companydata.gateway.security;

import java.util.Set;
import se.companydata.gateway.domain.UdItem;

/** One registered (organisation, e-service) pair: what it may receive, and how often it may ask. */
public record Entitlement(String organisationsnummer, String consumerName, String tjanstenamn, Set<UdItem> items,
                          RateLimit rateLimit) {

    public Entitlement {
        items = Set.copyOf(items);
    }

    /** Requests per second sustained, and the burst allowed above it. */
    public record RateLimit(double perSecond, int burst) {
    }
}
