package se.companydata.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import se.companydata.gateway.rest.Problem;
import se.companydata.gateway.rest.TransactionIds;

/**
 * Who may ask: the organisation named by the client certificate (the TLS layer has already refused
 * a missing, untrusted or expired one) together with the e-service named in {@code X-Service-Name}
 * must be a registered pair, within its rate limit. Refusals never reveal other consumers.
 */
public class ConsumerAuthorization {

    public static final String SERVICE_HEADER = "X-Service-Name";
    /** Where the SSBTGU SOAP adapter lives (endpoint, WSDL and schemas). */
    public static final String SOAP_PATH = "/ssbtgu/";
    /** The connection self-test on the API port. */
    public static final String CONNECTION_PATH = "/api/v1/connection";
    static final String ENTITLEMENT = "gateway.entitlement";
    static final String CALLER = "gateway.caller";

    private final ConsumerRegistry registry;
    private final RateLimiter rateLimiter;
    private final RevocationCheck revocation;
    private final MeterRegistry metrics;

    ConsumerAuthorization(ConsumerRegistry registry, RateLimiter rateLimiter, RevocationCheck revocation, MeterRegistry metrics) {
        this.registry = registry;
        this.rateLimiter = rateLimiter;
        this.revocation = revocation;
        this.metrics = metrics;
    }

    /** Whether a caller may use an e-service now: granted with its entitlement, or refused with the reason. */
    public sealed interface Decision {
        record Granted(Entitlement entitlement) implements Decision {
        }

        /** {@code retryAfterSeconds} is set for a rate-limit refusal only. */
        record Refused(Reason reason, String detail, long retryAfterSeconds) implements Decision {
        }
    }

    public enum Reason {
        NO_ORGANISATIONSNUMMER, SERVICE_NAME_MISSING, SERVICE_NAME_INVALID, NOT_REGISTERED, RATE_LIMITED, CERTIFICATE_REVOKED, REVOCATION_STATUS_UNKNOWN
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authorize(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        String tx = TransactionIds.of(routing);
        List<X509Certificate> chain = ConnectionCheck.presented(routing.request().sslSession());
        if (chain.isEmpty()) {
            return Uni.createFrom().item(Problem.response(Response.Status.UNAUTHORIZED, "client-certificate-required",
                    "the API requires a client certificate (mutual TLS)", path, tx));
        }
        Caller known = caller(routing, chain.get(0));
        return revocation.status(chain).map(status -> {
            Caller caller = known.withRevocation(status);
            // Kept for the audit trail, which records refused requests too.
            routing.put(CALLER, caller);
            return authorize(request, routing, caller, path, tx);
        });
    }

    private Response authorize(ContainerRequestContext request, RoutingContext routing, Caller caller, String path, String tx) {
        if (path.startsWith(SOAP_PATH) || path.equals(CONNECTION_PATH)) {
            // The SOAP adapter names its e-service in the message body and answers refusals as SOAP faults: it decides itself.
            // The self-test answers any trusted caller about itself, registered or not: that is what it checks.
            return null;
        }
        Decision decision = decide(caller, request.getHeaderString(SERVICE_HEADER));
        if (decision instanceof Decision.Granted granted) {
            routing.put(ENTITLEMENT, granted.entitlement());
            return null;
        }
        Decision.Refused refused = (Decision.Refused) decision;
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

    /** The registry and rate-limit decision for a caller and the e-service it names (header or SOAP ServiceNamn). */
    public Decision decide(Caller caller, String service) {
        if (caller.revocation() != null && caller.revocation().refuses()) {
            boolean revoked = caller.revocation().verdict() == RevocationCheck.Verdict.REVOKED;
            return new Decision.Refused(revoked ? Reason.CERTIFICATE_REVOKED : Reason.REVOCATION_STATUS_UNKNOWN,
                    "client certificate " + caller.certificateSerial() + ": " + caller.revocation().explanation()
                            + (revoked ? "" : "; the gateway refuses a certificate whose revocation status it cannot establish")
                            + " (the self-test, GET " + CONNECTION_PATH + ", shows the same)", 0);
        }
        if (caller.organisationsnummer() == null) {
            return new Decision.Refused(Reason.NO_ORGANISATIONSNUMMER, caller.unusableBecause(), 0);
        }
        String organisationsnummer = caller.organisationsnummer();
        if (service == null || service.isBlank()) {
            return new Decision.Refused(Reason.SERVICE_NAME_MISSING,
                    "name your registered e-service (tjänstenamn) in the " + SERVICE_HEADER + " header", 0);
        }
        String invalid = ServiceName.invalidBecause(service.strip());
        if (invalid != null) {
            // Not echoed: the name may be anything a caller sent.
            return new Decision.Refused(Reason.SERVICE_NAME_INVALID, invalid, 0);
        }
        Optional<Entitlement> entitlement = registry.entitlement(organisationsnummer, service.strip());
        if (entitlement.isEmpty()) {
            String detail = registry.isRegistered(organisationsnummer)
                    ? "e-service '" + service.strip() + "' is not registered for organisation " + organisationsnummer
                    : "organisation " + organisationsnummer + " (from the client certificate) has no registered e-service";
            return new Decision.Refused(Reason.NOT_REGISTERED, detail, 0);
        }
        long waitNanos = rateLimiter.acquire(entitlement.get());
        if (waitNanos > 0) {
            metrics.counter("gateway.rate.limit.refusals", "organisationsnummer", organisationsnummer,
                    "tjanstenamn", entitlement.get().tjanstenamn()).increment();
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            return new Decision.Refused(Reason.RATE_LIMITED, "e-service " + service.strip() + " of organisation " + organisationsnummer
                    + " may make " + entitlement.get().rateLimit().perSecond() + " requests per second (burst "
                    + entitlement.get().rateLimit().burst() + "); retry in " + seconds + " s", seconds);
        }
        return new Decision.Granted(entitlement.get());
    }

    /** The caller as far as it was established (null without a client certificate). */
    public static Caller caller(RoutingContext routing) {
        return routing.get(CALLER);
    }

    public static Entitlement entitlement(RoutingContext routing) {
        return routing.get(ENTITLEMENT);
    }

    /**
     * The caller named by the certificate, read once per TLS session: a keep-alive connection sends many
     * requests over one session, and the subject does not change within it.
     */
    private static Caller caller(RoutingContext routing, X509Certificate certificate) {
        SSLSession session = routing.request().sslSession();
        if (session.getValue(CALLER) instanceof Caller known) {
            return known;
        }
        String serial = certificate.getSerialNumber().toString(16);
        String issuer = certificate.getIssuerX500Principal().getName();
        Caller caller;
        try {
            caller = new Caller(CertificateOrganisationsnummer.of(certificate), serial, issuer, null, null);
        } catch (CertificateOrganisationsnummer.UnusableCertificateException e) {
            caller = new Caller(null, serial, issuer, e.getMessage(), null);
        }
        session.putValue(CALLER, caller);
        return caller;
    }
}
