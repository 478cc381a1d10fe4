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
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.rest.LookupResource;
import se.companydata.gateway.rest.LookupResponse;
import se.companydata.gateway.rest.Problem;
import se.companydata.gateway.rest.TransactionIds;
import se.companydata.gateway.security.Caller;
import se.companydata.gateway.security.ConsumerAuthorization;

/**
 * Every API answer — answered, partial or refused — leaves only after its audit record is durable.
 * If the record cannot be made durable the answer is replaced by a 503 problem: nothing is disclosed.
 */
public class DisclosureAudit {

    private final AuditTrail trail;

    DisclosureAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        AuditRecord record = record(request, response, routing);
        Context context = Vertx.currentContext();
        Uni<Void> durable = trail.commit(record);
        if (context != null) {
            // The journal completes on its writer thread; the answer goes on from the request's own context.
            durable = durable.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return durable.onFailure().recoverWithItem(failure -> {
            response.setStatus(503);
            response.setEntity(new Problem("urn:company-data-gateway:problem:audit-unavailable", "Service Unavailable", 503,
                    "the disclosure could not be recorded in the audit trail, so nothing is disclosed; try again later",
                    request.getUriInfo().getPath(), record.transactionId()), null, MediaType.valueOf(Problem.MEDIA_TYPE));
            return null;
        });
    }

    private static AuditRecord record(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        Caller caller = ConsumerAuthorization.caller(routing);
        LookupRequest lookup = LookupResource.request(routing);
        Object entity = response.getEntity();
        List<AuditRecord.Disclosed> disclosed = new ArrayList<>();
        List<AuditRecord.Withheld> withheld = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        if (lookup != null) {
            lookup.requested().stream().sorted().map(UdItem::name).forEach(asked::add);
        }
        if (entity instanceof LookupResponse answer) {
            for (Map.Entry<String, LookupResponse.Item> item : answer.items().entrySet()) {
                if (item.getValue().error() == null) {
                    disclosed.add(new AuditRecord.Disclosed(item.getKey(), item.getValue().producer()));
                } else {
                    var error = item.getValue().error();
                    withheld.add(new AuditRecord.Withheld(item.getKey(), item.getValue().producer(), error.type().name(),
                            error.description()));
                }
            }
            if (asked.isEmpty()) {
                asked.addAll(answer.items().keySet());   // no items named: every entitled item was asked for
            }
        }
        int status = response.getStatus();
        AuditRecord.Outcome outcome = status >= 500 ? AuditRecord.Outcome.FAILED
                : status >= 400 ? AuditRecord.Outcome.REFUSED
                : withheld.isEmpty() ? AuditRecord.Outcome.ANSWERED : AuditRecord.Outcome.PARTIAL;
        return new AuditRecord(Instant.now(), TransactionIds.of(routing),
                caller == null ? null : caller.organisationsnummer(), request.getHeaderString(ConsumerAuthorization.SERVICE_HEADER),
                caller == null ? null : caller.certificateSerial(), caller == null ? null : caller.certificateIssuer(),
                lookup == null ? null : lookup.companyId().number(), lookup == null ? null : lookup.companyId().namnskyddslopnummer(),
                asked, disclosed, withheld, outcome, status, entity instanceof Problem p ? p.detail() : null,
                TransactionIds.elapsedMillis(routing));
    }
}
