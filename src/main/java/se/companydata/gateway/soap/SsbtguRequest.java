package se.companydata.gateway.soap;

import java.time.Duration;
import java.util.Set;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Party;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;

/**
 * A GrundlaggandeUppgifterBegaran as the gateway reads it: the consumer's own statements
 * (Datakonsument with its tjänstenamn, Anvandare, use area, TTL), the company and the items.
 */
record SsbtguRequest(String transactionId, SsbtguParty datakonsument, SsbtguParty anvandare, Party onBehalfOf, UseArea useArea,
                     Duration timeBudget, CompanyId company, Set<UdItem> items, String roleCertificateId) {
}
