package se.companydata.gateway.client.bolagsverket;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import se.companydata.gateway.security.OffLoopHandshakes;

@RegisterRestClient(configKey = "bolagsverket")
@RegisterProvider(OffLoopHandshakes.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BolagsverketApi {

    @POST
    @Path("/organisationer")
    Uni<BolagsverketWire.OrganisationerSvar> organisationer(@HeaderParam("Authorization") String authorization,
                                                            @HeaderParam("X-Request-Id") String requestId,
                                                            BolagsverketWire.OrganisationerBegaran request);

    /** Bolagsverket's liveness endpoint (a token of scope {@code vardefulla-datamangder:ping}): opens and warms connections before readiness. */
    @GET
    @Path("/isalive")
    @Produces(MediaType.WILDCARD)
    Uni<String> isalive(@HeaderParam("Authorization") String authorization);
}
