package se.companydata.gateway.http;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import se.companydata.gateway.security.ConnectionCheck;
import se.companydata.gateway.security.ConsumerAuthorization;
import se.companydata.gateway.security.ConsumerAuthorization.Decision;

/**
 * The security layer's decisions on the HTTP API: establishes the caller from the connection's certificate (kept in
 * {@link CallFacts}, for the audit trail records refusals too) and answers a refusal as problem+json. The SOAP
 * adapter and the self-test decide themselves, in their own terms.
 */
public class AuthorizationFilter {

    private final ConsumerAuthorization authorization;

    AuthorizationFilter(ConsumerAuthorization authorization) {
        this.authorization = authorization;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authorize(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        CallFacts facts = CallFacts.of(routing);
        List<X509Certificate> chain = ConnectionCheck.presented(routing.request().sslSession());
        if (chain.isEmpty()) {
            // The router's first route answers this already (ClientCertificateRequired): never here without a certificate.
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                    .entity(ClientCertificateRequired.problem(path, facts.transactionId())).build());
        }
        return authorization.caller(routing, chain).flatMap(caller -> {
            facts.caller(caller);
            if (path.startsWith(ConsumerAuthorization.SOAP_PATH) || path.equals(ConsumerAuthorization.CONNECTION_PATH)) {
                // The SOAP adapter names its e-service in the message body and answers refusals as SOAP faults: it decides itself.
                // The self-test answers any trusted caller about itself, registered or not: that is what it checks.
                return Uni.createFrom().nullItem();
            }
            return authorization.decide(caller, request.getHeaderString(ConsumerAuthorization.SERVICE_HEADER))
                    .map(decision -> answer(decision, facts, path));
        });
    }

    private static Response answer(Decision decision, CallFacts facts, String path) {
        if (decision instanceof Decision.Granted granted) {
            facts.entitlement(granted.entitlement());
            return null;
        }
        Decision.Refused refused = (Decision.Refused) decision;
        String tx = facts.transactionId();
        return switch (refused.reason()) {
            case CERTIFICATE_REVOKED -> Problem.response(Response.Status.FORBIDDEN, "certificate-revoked", refused.detail(), path, tx);
            case REVOCATION_STATUS_UNKNOWN -> Problem.response(Response.Status.FORBIDDEN, "certificate-revocation-status-unknown", refused.detail(), path, tx);
            case NO_ORGANISATIONSNUMMER -> Problem.response(Response.Status.FORBIDDEN, "certificate-without-organisationsnummer", refused.detail(), path, tx);
            case SERVICE_NAME_MISSING -> Problem.response(Response.Status.BAD_REQUEST, "service-name-required", refused.detail(), path, tx);
            case SERVICE_NAME_INVALID -> Problem.response(Response.Status.BAD_REQUEST, "invalid-service-name", refused.detail(), path, tx);
            case NOT_REGISTERED -> Problem.response(Response.Status.FORBIDDEN, "consumer-not-registered", refused.detail(), path, tx);
            case RATE_LIMITED -> Response.fromResponse(Problem.response(429, "Too Many Requests", "rate-limited", refused.detail(), path, tx))
                    .header("Retry-After", refused.retryAfterSeconds()).build();
        };
    }
}
