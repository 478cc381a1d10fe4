package se.companydata.gateway.client.skatteverket;

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

@RegisterRestClient(configKey = "skatteverket")
@RegisterProvider(OffLoopHandshakes.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface SkatteverketApi {

    @POST
    @Path("/v1/registreringar")
    Uni<SkatteverketWire.Registrering> registrering(@HeaderParam("X-Request-Id") String requestId,
                                                    SkatteverketWire.Fraga fraga);

    /** The liveness endpoint of the gateway's Skatteverket contract: opens and warms connections before readiness. */
    @GET
    @Path("/isalive")
    @Produces(MediaType.WILDCARD)
    Uni<String> isalive();
}
