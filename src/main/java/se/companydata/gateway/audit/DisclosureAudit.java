package se.companydata.gateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.http.CallFacts;
import se.companydata.gateway.http.Problem;
import se.companydata.gateway.security.Caller;
import se.companydata.gateway.security.ConsumerAuthorization;
import se.companydata.gateway.security.RefusalLimiter;
import se.companydata.gateway.security.ServiceName;

/**
 * Every API answer — answered, partial or refused — leaves only after its audit record is durable.
 * If the record cannot be made durable the answer is replaced by a 503 problem: nothing is disclosed.
 */
public class DisclosureAudit {

    private static final String REFUSALS_EXPLAINED = "the gateway records (gateway.refusal-limit); correct the request (the self-test, "
            + "GET " + ConsumerAuthorization.CONNECTION_PATH + ", shows why it is refused)";
    public static final String UNRECORDED = "the disclosure could not be recorded in the audit trail, so nothing is disclosed; try again later";

    private final AuditTrail trail;
    private final RefusalLimiter refusals;

    DisclosureAudit(AuditTrail trail, RefusalLimiter refusals) {
        this.trail = trail;
        this.refusals = refusals;
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        if (request.getUriInfo().getPath().equals(ConsumerAuthorization.CONNECTION_PATH)) {
            // The self-test tells a caller about itself and discloses nothing: platforms poll it as a health check.
            return Uni.createFrom().voidItem();
        }
        AuditRecord record = record(request, response, routing);
        Caller caller = CallFacts.of(routing).caller();
        // An unknown company (404) is an answer about the company, not a refusal of the caller.
        if (record.outcome() == AuditRecord.Outcome.REFUSED && record.httpStatus() != 404 && caller != null) {
            long retryAfter = refusals.admit(caller);
            if (retryAfter > 0) {
                // Over the certificate's refusal limit: counted and logged, not recorded one by one. SOAP keeps its fault.
                if (!request.getUriInfo().getPath().startsWith(ConsumerAuthorization.SOAP_PATH)) {
                    response.setStatus(429);
                    response.getHeaders().putSingle("Retry-After", retryAfter);
                    response.setEntity(new Problem("urn:company-data-gateway:problem:too-many-refusals", "Too Many Requests", 429,
                            "this certificate's requests have been refused more often than " + REFUSALS_EXPLAINED + "; retry in "
                                    + retryAfter + " s", request.getUriInfo().getPath(), record.transactionId()),
                            null, MediaType.valueOf(Problem.MEDIA_TYPE));
                }
                return Uni.createFrom().voidItem();
            }
        }
        Context context = Vertx.currentContext();
        Uni<Void> durable = trail.commit(record);
        if (context != null) {
            // The journal completes on its writer thread; the answer goes on from the request's own context.
            durable = durable.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return durable.onFailure().recoverWithItem(failure -> {
            CallFacts.Unrecorded instead = CallFacts.of(routing).unrecorded();
            if (instead != null) {
                instead.answerInstead(response, UNRECORDED, record.transactionId());
                return null;
            }
            response.setStatus(503);
            response.setEntity(new Problem("urn:company-data-gateway:problem:audit-unavailable", "Service Unavailable", 503,
                    UNRECORDED,
                    request.getUriInfo().getPath(), record.transactionId()), null, MediaType.valueOf(Problem.MEDIA_TYPE));
            return null;
        });
    }

    private static AuditRecord record(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        Caller caller = CallFacts.of(routing).caller();
        LookupRequest lookup = CallFacts.of(routing).request();
        int status = response.getStatus();
        // Only an answer that leaves as such discloses anything (a late failure replaces it with a problem).
        LookupResult result = status / 100 == 2 ? CallFacts.of(routing).result() : null;
        Object entity = response.getEntity();
        List<AuditRecord.Disclosed> disclosed = new ArrayList<>();
        List<AuditRecord.Withheld> withheld = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        if (lookup != null) {
            lookup.requested().stream().sorted().map(UdItem::name).forEach(asked::add);
        }
        if (result != null) {
            for (ItemResult item : result.items()) {
                if (item.error() == null) {
                    disclosed.add(new AuditRecord.Disclosed(item.item().name(), item.producer().name()));
                } else {
                    withheld.add(new AuditRecord.Withheld(item.item().name(), item.producer().name(), item.error().type().name(),
                            item.error().description()));
                }
                if (lookup != null && lookup.requested().isEmpty()) {
                    asked.add(item.item().name());   // no items named: every entitled item was asked for
                }
            }
        }
        String refusal = CallFacts.of(routing).refusal();
        AuditRecord.Outcome outcome = refusal != null ? AuditRecord.Outcome.REFUSED
                : status >= 500 ? AuditRecord.Outcome.FAILED
                : status >= 400 ? AuditRecord.Outcome.REFUSED
                : result != null && result.isPartial() ? AuditRecord.Outcome.PARTIAL : AuditRecord.Outcome.ANSWERED;
        String service = CallFacts.of(routing).service();
        return new AuditRecord(Instant.now(), CallFacts.of(routing).transactionId(), caller == null ? null : caller.organisationsnummer(),
                ServiceName.forRecord(service != null ? service : request.getHeaderString(ConsumerAuthorization.SERVICE_HEADER)),
                caller == null ? null : caller.certificateSerial(), caller == null ? null : caller.certificateIssuer(),
                lookup == null ? null : lookup.companyId().number(), lookup == null ? null : lookup.companyId().namnskyddslopnummer(),
                lookup == null || lookup.onBehalfOf() == null ? null : new AuditRecord.OnBehalfOf(lookup.onBehalfOf().id().type().name(),
                        lookup.onBehalfOf().id().number(), lookup.onBehalfOf().name()),
                lookup == null || lookup.useArea() == null ? null : lookup.useArea().name(),
                CallFacts.of(routing).roleCertificate(), asked, disclosed, withheld, outcome, status,
                refusal != null ? refusal : entity instanceof Problem p ? p.detail() : null,
                CallFacts.of(routing).elapsedMillis());
    }
}
