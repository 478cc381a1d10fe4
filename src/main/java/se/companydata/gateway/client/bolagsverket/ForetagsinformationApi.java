package se.companydata.gateway.client.bolagsverket;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import se.companydata.gateway.security.OffLoopHandshakes;

/** Bolagsverket's Företagsinformation API (optional: only when {@code quarkus.rest-client.foretagsinformation.url} is set). */
@RegisterRestClient(configKey = "foretagsinformation")
@RegisterProvider(OffLoopHandshakes.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface ForetagsinformationApi {

    /** The path is part of our model of this API (see {@link ForetagsinformationWire}). */
    @POST
    @Path("/organisationsinformation")
    Uni<ForetagsinformationWire.Svar> organisationsinformation(@HeaderParam("Authorization") String authorization,
                                                               @HeaderParam("X-Request-Id") String requestId,
                                                               ForetagsinformationWire.Begaran request);
}
