package se.companydata.gateway.client.bolagsverket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import se.companydata.gateway.security.OffLoopHandshakes;

/** The OAuth2 token endpoint (RFC 6749 §4.4, client authenticated with HTTP Basic). */
@RegisterRestClient(configKey = "bolagsverket-token")
@RegisterProvider(OffLoopHandshakes.class)
interface BolagsverketTokenApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<TokenResponse> token(@HeaderParam("Authorization") String basicAuthorization,
                             @FormParam("grant_type") String grantType, @FormParam("scope") String scope);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") Long expiresIn) {
    }
}
