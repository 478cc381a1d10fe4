package se.companydata.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.companydata.gateway.audit.AuditContext;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.security.ConsumerAuthorization;
import se.companydata.gateway.service.LookupService;

@Path("/api/v1/lookup")
@Tag(name = "Company lookup")
public class LookupResource {

    private final LookupService service;

    LookupResource(LookupService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Basic data about one company, merged from Bolagsverket, SCB and Skatteverket",
            description = "Each item carries its producer and either its value or an SSBTGU error. A slow or failing producer "
                    + "gives per-item errors (Timeout, OtillgangligUppgiftskalla, OgiltigtSvar), never a failed request.")
    @APIResponse(responseCode = "200", description = "The merged answer; some items may carry errors")
    @APIResponse(responseCode = "400", description = "Malformed identity, unknown item or malformed body (problem+json)")
    @APIResponse(responseCode = "403", description = "Certificate without organisationsnummer, an unregistered (organisation, e-service) pair, or a use area the e-service is not approved for (problem+json)")
    @APIResponse(responseCode = "404", description = "No producer knows the company (problem+json)")
    @APIResponse(responseCode = "429", description = "The e-service's rate limit is exceeded; see Retry-After (problem+json)")
    public Uni<LookupResponse> lookup(@RequestBody(required = true) LookupRequestBody body, RoutingContext routing) {
        // Without a Content-Type the framework reads the body as JSON anyway; the API promises application/json only.
        if (routing.request().getHeader("Content-Type") == null) {
            throw new NotSupportedException("no Content-Type");
        }
        if (body == null) {
            throw new InvalidRequestException("the request body is empty: send {\"identity\": \"…\"}");
        }
        LookupRequest request = body.toDomain(TransactionIds.of(routing), ConsumerAuthorization.entitlement(routing));
        AuditContext.asked(routing, request);
        return service.lookup(request).map(result -> {
            AuditContext.answered(routing, result);
            return LookupResponse.of(result);
        });
    }
}
