package se.companydata.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.report.DisclosureRegister;
import se.companydata.gateway.audit.report.ReportPeriod;
import se.companydata.gateway.audit.report.ServiceLevelPage;
import se.companydata.gateway.audit.report.ServiceLevelReport;
import se.companydata.gateway.audit.trail.StoredAuditTrail;
import se.companydata.gateway.http.CallFacts;
import se.companydata.gateway.http.Problem;
import se.companydata.gateway.security.Entitlement;

/**
 * The audit trail for auditors: registry entries marked {@code auditor: true} only. Answers from this
 * gateway's store — with PostgreSQL every replica's records; with the journal this pod's own.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit (auditors only)")
public class AuditResource {

    private static final Logger LOG = Logger.getLogger(AuditResource.class);
    static final String CSV = "text/csv";

    private final StoredAuditTrail trail;
    private final ObjectMapper json;

    AuditResource(StoredAuditTrail trail, ObjectMapper json) {
        this.trail = trail;
        this.json = json;
    }

    @GET
    @Path("/disclosures")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "disclosureRegister", summary = "The disclosure register of one company or sole trader",
            description = "Every disclosure about the identity (optionally within from/to): time, consumer and e-service, use area, "
                    + "on whose behalf, items disclosed with their producer, items withheld and why. JSON, or CSV with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "The register",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisclosureRegister.Register.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = ApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "429", ref = ApiDefinition.TOO_MANY_REQUESTS)
    public Response disclosures(
            @Parameter(description = "the company's organisationsnummer or the sole trader's personnummer", required = true)
            @QueryParam("identity") String identity,
            @Parameter(description = "from (a date, midnight in Sweden, or an instant); default: the beginning") @QueryParam("from") String from,
            @Parameter(description = "to (a date or an instant); default: now") @QueryParam("to") String to,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context RoutingContext routing) throws Exception {
        Response refused = refuseUnlessAuditor(routing);
        if (refused != null) {
            return refused;
        }
        if (identity == null || identity.isBlank()) {
            throw new InvalidRequestException("give the company or sole trader as ?identity=…");
        }
        DisclosureRegister.Register register = DisclosureRegister.of(identity, instant("from", from, Instant.EPOCH),
                instant("to", to, Instant.now()), trail.source(), json);
        LOG.infof("Disclosure register of a %s read by %s/%s (%d entries)", register.subjectType(),
                CallFacts.of(routing).caller().organisationsnummer(), CallFacts.of(routing).entitlement().tjanstenamn(),
                register.entries());
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)
                ? Response.ok(DisclosureRegister.csv(register), CSV + "; charset=utf-8").build()
                : Response.ok(register, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/service-levels")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(operationId = "serviceLevelReport", summary = "The service-level report per consumer e-service",
            description = "Calls, shares answered/partial/refused/failed, latency p50/p90/p99, producer error shares, unavailable minutes "
                    + "for from..to (default: this month). JSON, or an HTML page with a latency chart per consumer with Accept: text/html.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceLevelReport.Report.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = ApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "429", ref = ApiDefinition.TOO_MANY_REQUESTS)
    public Response serviceLevels(
            @Parameter(description = "from (a date, midnight in Sweden, or an instant); default: the start of this month") @QueryParam("from") String from,
            @Parameter(description = "to (a date or an instant); default: now") @QueryParam("to") String to,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context RoutingContext routing) throws Exception {
        Response refused = refuseUnlessAuditor(routing);
        if (refused != null) {
            return refused;
        }
        ServiceLevelReport.Report report = ServiceLevelReport.of(instant("from", from, ReportPeriod.monthStart()), instant("to", to, Instant.now()),
                trail.source(), json);
        return accept != null && accept.contains(MediaType.TEXT_HTML)
                ? Response.ok(ServiceLevelPage.render(report), MediaType.TEXT_HTML + "; charset=utf-8").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static Response refuseUnlessAuditor(RoutingContext routing) {
        Entitlement entitlement = CallFacts.of(routing).entitlement();
        if (entitlement != null && entitlement.auditor()) {
            return null;
        }
        return Problem.response(Response.Status.FORBIDDEN, "not-an-auditor",
                "the audit trail is open to e-services registered as auditors only", routing.request().path(), CallFacts.of(routing).transactionId());
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        try {
            return ReportPeriod.instant(value, otherwise);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'" + name + "' is a date (2026-11-01, midnight in Sweden) or an instant (2026-11-01T08:00:00Z); got '" + value + "'");
        }
    }
}
