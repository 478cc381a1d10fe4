package se.companydata.gateway.client.skatteverket;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "skatteverket")
@Path("/v1/registreringar")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface SkatteverketApi {

    @POST
    Uni<SkatteverketWire.Registrering> registrering(@HeaderParam("X-Request-Id") String requestId,
                                                    SkatteverketWire.Fraga fraga);
}
