package se.companydata.gateway.client.scb;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import se.companydata.gateway.security.OffLoopHandshakes;

@RegisterRestClient(configKey = "scb")
@RegisterProvider(OffLoopHandshakes.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface ScbApi {

    @POST
    @Path("/api/Je/HamtaForetag")
    Uni<List<Map<String, String>>> hamtaForetag(@HeaderParam("X-Request-Id") String requestId, @HeaderParam("X-Api-Key") String apiKey,
                                                ScbWire.Filter filter);

    @POST
    @Path("/api/Ae/HamtaArbetsstallen")
    Uni<List<Map<String, String>>> hamtaArbetsstallen(@HeaderParam("X-Request-Id") String requestId, @HeaderParam("X-Api-Key") String apiKey,
                                                      ScbWire.Filter filter);

}
