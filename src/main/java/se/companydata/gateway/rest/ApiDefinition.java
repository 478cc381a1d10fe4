package se.companydata.gateway.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.servers.ServerVariable;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.companydata.gateway.http.Problem;

/**
 * The API document platforms generate their clients from ({@code /q/openapi} on the management port): who runs
 * it, where it is, that every operation needs mutual TLS, and the problem answers every operation shares.
 */
@OpenAPIDefinition(
        info = @Info(title = "Company-data gateway", version = "1",
                description = "Basic company data (grundläggande uppgifter om företag) for Swedish public e-services, merged from "
                        + "Bolagsverket, SCB and Skatteverket in one answer. Every call needs the caller's organisation certificate "
                        + "(mutual TLS) and its registered e-service in X-Service-Name. Every error is RFC 9457 problem+json.",
                contact = @Contact(name = "The gateway's operator"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers = @Server(url = "https://{host}:{port}", description = "The gateway's API port (mutual TLS)",
                variables = {@ServerVariable(name = "host", defaultValue = "localhost", description = "the gateway's host name"),
                        @ServerVariable(name = "port", defaultValue = "8443", description = "the API port (quarkus.http.ssl-port)")}),
        security = @SecurityRequirement(name = ApiDefinition.MUTUAL_TLS),
        tags = {@Tag(name = "Company lookup", description = "Basic data about one company, merged from the three producers"),
                @Tag(name = "Connection self-test", description = "Whether a caller's certificate and e-service are ready; no company data"),
                @Tag(name = "Audit (auditors only)", description = "The disclosure register and the service-level report, for e-services registered as auditors"),
                @Tag(name = "SSBTGU v2 (SOAP)", description = "Bolagsverket's SSBTGU v2 contract, for platforms that already speak it")},
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiDefinition.MUTUAL_TLS, type = SecuritySchemeType.MUTUALTLS,
                        description = "The caller's organisation certificate (organisationsnummer in serialNumber or "
                                + "organizationIdentifier), issued by a CA the gateway trusts"),
                responses = {
                        @APIResponse(name = ApiDefinition.BAD_REQUEST, responseCode = "400", description = "The request is malformed: the problem's detail says what",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.UNAUTHORIZED, responseCode = "401", description = "No client certificate was presented",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.FORBIDDEN, responseCode = "403",
                                description = "The certificate or the (organisation, e-service) pair may not make this call: revoked, "
                                        + "no usable organisationsnummer, not registered, or a use area not approved",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.NOT_FOUND, responseCode = "404", description = "No producer knows the company",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.UNSUPPORTED_MEDIA_TYPE, responseCode = "415", description = "The body is not application/json",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.TOO_MANY_REQUESTS, responseCode = "429",
                                description = "The e-service's rate limit (Retry-After says when to try again) or its refusal limit is exceeded",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDefinition.UNAVAILABLE, responseCode = "503",
                                description = "The answer could not be recorded in the audit trail, so nothing is disclosed; try again",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
public final class ApiDefinition extends Application {

    static final String MUTUAL_TLS = "mutualTLS";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String UNAVAILABLE = "Unavailable";

}
