package se.companydata.gateway.security;

import java.util.Set;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.domain.UdItem;

/**
 * One registered (organisation, e-service) pair: what it may receive, for which uses (SSBTGU
 * {@code Anvandningsomrade}), and how often it may ask; an auditors' e-service may also read the
 * audit trail (disclosure register, service-level report).
 */
public record Entitlement(String organisationsnummer, String consumerName, String tjanstenamn, Set<UdItem> items,
                          Set<UseArea> useAreas, RateLimit rateLimit, boolean auditor) {

    public Entitlement {
        items = Set.copyOf(items);
        useAreas = Set.copyOf(useAreas);
    }

    /** Requests per second sustained, and the burst allowed above it. */
    public record RateLimit(double perSecond, int burst) {
    }
}
