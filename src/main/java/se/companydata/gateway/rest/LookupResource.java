package se.companydata.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.http.CallFacts;
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
    @Operation(operationId = "lookup", summary = "Basic data about one company, merged from Bolagsverket, SCB and Skatteverket",
            description = "Each item carries its producer and either its value or an SSBTGU error. A slow or failing producer "
                    + "gives per-item errors (Timeout, OtillgangligUppgiftskalla, OgiltigtSvar), never a failed request.")
    @Parameter(name = ConsumerAuthorization.SERVICE_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The caller's registered e-service (tjänstenamn), as in the consumer registry (case-sensitive)",
            schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "200", description = "The merged answer; some items may carry errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LookupResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDefinition.NOT_FOUND)
    @APIResponse(responseCode = "415", ref = ApiDefinition.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "429", ref = ApiDefinition.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDefinition.UNAVAILABLE)
    public Uni<LookupResponse> lookup(@RequestBody(required = true) LookupRequestBody body, @Context RoutingContext routing) {
        // Without a Content-Type the framework reads the body as JSON anyway; the API promises application/json only.
        if (routing.request().getHeader("Content-Type") == null) {
            throw new NotSupportedException("no Content-Type");
        }
        if (body == null) {
            throw new InvalidRequestException("the request body is empty: send {\"identity\": \"…\"}");
        }
        LookupRequest request = body.toDomain(CallFacts.of(routing).transactionId(), CallFacts.of(routing).entitlement());
        CallFacts.of(routing).asked(request);
        return service.lookup(request).map(result -> {
            CallFacts.of(routing).answered(result);
            return LookupResponse.of(result);
        });
    }
}
