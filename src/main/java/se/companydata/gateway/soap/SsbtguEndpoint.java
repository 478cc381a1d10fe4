package se.companydata.gateway.soap;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import se.companydata.gateway.config.SsbtguConfig;
import se.companydata.gateway.domain.CompanyNotFoundException;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.UseAreaNotApprovedException;
import se.companydata.gateway.http.CallFacts;
import se.companydata.gateway.http.TransactionIds;
import se.companydata.gateway.security.Caller;
import se.companydata.gateway.security.ConsumerAuthorization;
import se.companydata.gateway.service.LookupService;

/**
 * The SSBTGU v2 SOAP adapter: {@code GetForetagsuppgifter} on the mutual-TLS API port, over the same
 * registry, entitlements, rate limit, lookup, cache and audit trail as the JSON API. It only
 * translates: SOAP in, a domain question to {@link LookupService}, the domain answer back as SOAP.
 * Every refusal is a SOAP fault with a {@code Servicefel}; nothing else ever leaves this endpoint.
 */
@Path("/ssbtgu")
@Tag(name = "SSBTGU v2 (SOAP)")
public class SsbtguEndpoint {

    private static final Logger LOG = Logger.getLogger(SsbtguEndpoint.class);
    private static final MediaType XML = MediaType.valueOf("text/xml; charset=UTF-8");
    private static final Set<String> SCHEMA_FILES = Set.copyOf(SsbtguRequestReader.SCHEMA_FILES);

    private final SsbtguRequestReader reader;
    private final ConsumerAuthorization authorization;
    private final LookupService service;
    private final SsbtguParty formedlare;
    private final MeterRegistry metrics;

    /** The WSDL with this endpoint's configured address, made once. */
    private final String wsdl;

    SsbtguEndpoint(SsbtguRequestReader reader, ConsumerAuthorization authorization, LookupService service, SsbtguConfig config,
                   MeterRegistry metrics) {
        this.reader = reader;
        this.authorization = authorization;
        this.service = service;
        this.metrics = metrics;
        this.formedlare = SsbtguParty.formedlare(config).orElse(null);
        this.wsdl = resource("ssbtgu-v2.wsdl").replace("https://localhost:8443/ssbtgu/v2", config.address());
    }

    @GET
    @Path("/v2")
    @Operation(operationId = "ssbtguWsdl", summary = "The SSBTGU v2 WSDL (GET /ssbtgu/v2?wsdl), with this endpoint's address")
    @APIResponse(responseCode = "200", description = "The WSDL", content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Asked without ?wsdl", content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public Response wsdl(@Context UriInfo uri) {
        if (!uri.getQueryParameters().containsKey("wsdl") && !uri.getQueryParameters().containsKey("WSDL")) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("POST SOAP 1.1 calls here; GET " + uri.getPath() + "?wsdl for the service description\n").build();
        }
        return Response.ok(wsdl, XML).build();
    }

    @GET
    @Path("/schema/{file}")
    @Operation(operationId = "ssbtguSchema", summary = "A schema the WSDL imports")
    @APIResponse(responseCode = "200", description = "The schema", content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such schema", content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public Response schema(@PathParam("file") String file) {
        if (!SCHEMA_FILES.contains(file)) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("no schema " + file + "\n").build();
        }
        return Response.ok(resource("schema/" + file), XML).build();
    }

    @POST
    @Path("/v2")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "ssbtguGetForetagsuppgifter", summary = "GetForetagsuppgifter (SOAP 1.1, soapAction urn:GetForetagsuppgifter)",
            description = "The request and answer are the WSDL's (GET /ssbtgu/v2?wsdl): GrundlaggandeUppgifterBegaran and "
                    + "GrundlaggandeUppgifterSvar; a refusal or error is a SOAP fault with a Servicefel detail, HTTP 500 as SOAP 1.1 requires.")
    @RequestBody(required = true, content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "GrundlaggandeUppgifterSvar", content = @Content(mediaType = "text/xml",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "500", description = "A SOAP fault with a Servicefel detail (OgiltigBegaran, EjBehorig, Odefinierad)",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> call(byte[] body, @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
                              @Parameter(description = "urn:GetForetagsuppgifter (or empty)") @HeaderParam("SOAPAction") String soapAction,
                              @Context RoutingContext routing) {
        CallFacts.of(routing).unrecorded((response, detail, tx) -> {
            response.setStatus(500);
            response.setEntity(SsbtguFaults.envelope(SoapFault.server(ErrorType.Odefinierad, detail), tx, formedlare), null, XML);
        });
        SsbtguRequest request;
        try {
            request = reader.read(body, contentType, soapAction);
            TransactionIds.assign(routing, request.transactionId());
            CallFacts.of(routing).service(request.datakonsument().serviceName());
            if (request.roleCertificateId() != null) {
                CallFacts.of(routing).roleCertificate(request.roleCertificateId());
            }
        } catch (SoapFault fault) {
            return Uni.createFrom().item(fault(fault, routing));
        }
        SsbtguAnswers.Header header = new SsbtguAnswers.Header(request.transactionId(), request.datakonsument(), request.anvandare(), formedlare);
        return authorize(request, routing)
                .invoke(lookup -> CallFacts.of(routing).asked(lookup))
                .flatMap(service::lookup)
                .map(result -> {
                    CallFacts.of(routing).answered(result);
                    return Response.ok(SoapEnvelope.of(SsbtguAnswers.answer(header, result)), XML).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof SoapFault fault) {
                        return fault(fault, routing);
                    }
                    if (failure instanceof CompanyNotFoundException notFound) {
                        // SSBTGU answers an unknown company item by item (ForetagFinnsEj), as the JSON answer's items do.
                        CallFacts.of(routing).answered(notFound.result());
                        return Response.ok(SoapEnvelope.of(SsbtguAnswers.answer(header, notFound.result())), XML).build();
                    }
                    if (failure instanceof UseAreaNotApprovedException refused) {
                        return fault(SoapFault.client(ErrorType.EjBehorig, refused.getMessage()), routing);
                    }
                    LOG.errorf(failure, "Unexpected failure in SOAP transaction %s", CallFacts.of(routing).transactionId());
                    return fault(SoapFault.server(ErrorType.Odefinierad, "the gateway failed unexpectedly; quote transaction id "
                            + CallFacts.of(routing).transactionId() + " to support"), routing);
                });
    }

    /** The registry decides as for the JSON API; the organisation the message claims must be the certificate's. */
    private Uni<LookupRequest> authorize(SsbtguRequest request, RoutingContext routing) {
        Caller caller = CallFacts.of(routing).caller();
        if (caller.organisationsnummer() != null && !caller.organisationsnummer().equals(request.datakonsument().number())) {
            return Uni.createFrom().failure(SoapFault.client(ErrorType.EjBehorig, "Datakonsument/PartId/Organisationsnummer "
                    + request.datakonsument().number() + " is not the organisation in the client certificate ("
                    + caller.organisationsnummer() + ")"));
        }
        return authorization.decide(caller, request.datakonsument().serviceName()).map(decision -> {
            if (decision instanceof ConsumerAuthorization.Decision.Refused refused) {
                throw SoapFault.client(ErrorType.EjBehorig, refused.detail());
            }
            var entitlement = ((ConsumerAuthorization.Decision.Granted) decision).entitlement();
            return new LookupRequest(request.company(), request.items(), request.transactionId(), entitlement.items(),
                    entitlement.useAreas(), request.useArea(), request.onBehalfOf(), request.timeBudget(),
                    entitlement.organisationsnummer() + "/" + entitlement.tjanstenamn());
        });
    }

    private Response fault(SoapFault fault, RoutingContext routing) {
        CallFacts.of(routing).refused(fault.getMessage());
        metrics.counter("gateway.soap.faults", "type", fault.type().name()).increment();
        String tx = CallFacts.of(routing).transactionId();
        // SOAP 1.1 answers every fault with HTTP 500; the audit trail and the fault counter record it as a refusal.
        return Response.status(500).type(XML).entity(SsbtguFaults.envelope(fault, tx, formedlare)).build();
    }

    private static String resource(String name) {
        try (InputStream in = SsbtguEndpoint.class.getClassLoader().getResourceAsStream("ssbtgu/" + name)) {
            if (in == null) {
                throw new IllegalStateException("ssbtgu/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
