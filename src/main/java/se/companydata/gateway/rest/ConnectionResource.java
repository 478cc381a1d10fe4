package se.companydata.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.companydata.gateway.security.ConnectionCheck;
import se.companydata.gateway.security.ConsumerAuthorization;

/**
 * The connection self-test on the API port, for a caller whose certificate got through TLS: a platform's
 * own health check can call it. Its e-service need not be registered (that is what it checks).
 */
@Path(ConsumerAuthorization.CONNECTION_PATH)
@Tag(name = "Connection self-test")
public class ConnectionResource {

    private final ConnectionCheck check;

    ConnectionResource(ConnectionCheck check) {
        this.check = check;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "connectionSelfTest", summary = "Is this caller ready to call the API?",
            description = "The certificate presented (trusted, expiry, the organisationsnummer read from it and from which attribute) and, "
                    + "for the e-service named in X-Service-Name, whether it is registered with its items, use areas and rate limit. "
                    + "Only about the caller's own organisation; no company data.")
    @APIResponse(responseCode = "200", description = "The report: what is ready, what is not and what to do",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionCheck.Report.class)))
    @APIResponse(responseCode = "400", ref = ApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDefinition.UNAUTHORIZED)
    public Uni<ConnectionCheck.Report> connection(
            @Parameter(description = "the e-service (tjänstenamn) to check the registration of") @HeaderParam(ConsumerAuthorization.SERVICE_HEADER)
            String service, @Context RoutingContext routing) {
        return check.check(ConnectionCheck.presented(routing.request().sslSession()), service);
    }
}
