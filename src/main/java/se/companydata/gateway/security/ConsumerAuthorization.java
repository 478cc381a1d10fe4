package se.companydata.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Who may ask: the organisation named by the client certificate (the TLS layer has already refused
 * an untrusted or expired one) together with the e-service named in {@code X-Service-Name}
 * must be a registered pair, within its rate limit. Refusals never reveal other consumers. The decisions only:
 * how a refusal is answered is the protocol's ({@code http.AuthorizationFilter}, the SOAP adapter).
 */
@ApplicationScoped
public class ConsumerAuthorization {

    public static final String SERVICE_HEADER = "X-Service-Name";
    /** Where the SSBTGU SOAP adapter lives (endpoint, WSDL and schemas). */
    public static final String SOAP_PATH = "/ssbtgu/";
    /** The connection self-test on the API port. */
    public static final String CONNECTION_PATH = "/api/v1/connection";
    /** The caller named by a TLS session's certificate, kept on the session. */
    private static final String SESSION_CALLER = "gateway.caller";

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

    /**
     * The caller a trusted client certificate chain names (leaf first), with its revocation status: known at once
     * when checked lately, else within the revocation timeout.
     */
    public Uni<Caller> caller(RoutingContext routing, List<X509Certificate> chain) {
        Caller known = caller(routing, chain.get(0));
        return revocation.status(chain).map(known::withRevocation);
    }

    /**
     * The registry and rate-limit decision for a caller and the e-service it names (header or SOAP ServiceNamn); the
     * rate limit is the deployment's (shared through Redis when configured), so the decision may take a round trip.
     */
    public Uni<Decision> decide(Caller caller, String service) {
        Decision registered = registered(caller, service);
        if (!(registered instanceof Decision.Granted granted)) {
            return Uni.createFrom().item(registered);
        }
        Entitlement entitlement = granted.entitlement();
        return rateLimiter.acquire(entitlement).map(waitNanos -> {
            if (waitNanos <= 0) {
                return registered;
            }
            metrics.counter("gateway.rate.limit.refusals", "organisationsnummer", entitlement.organisationsnummer(),
                    "tjanstenamn", entitlement.tjanstenamn()).increment();
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            return new Decision.Refused(Reason.RATE_LIMITED, "e-service " + entitlement.tjanstenamn() + " of organisation "
                    + entitlement.organisationsnummer() + " may make " + entitlement.rateLimit().perSecond()
                    + " requests per second (burst " + entitlement.rateLimit().burst() + "); retry in " + seconds + " s", seconds);
        });
    }

    /** The registry's decision alone: who the caller is, and whether the e-service it names is registered for it. */
    private Decision registered(Caller caller, String service) {
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
            // Only the caller's own organisation's e-services are named: the certificate proved it is that organisation.
            List<String> registered = registry.services(organisationsnummer);
            String detail = registered.isEmpty()
                    ? "organisation " + organisationsnummer + " (from the client certificate) has no registered e-service;"
                    + " ask the gateway's operator to register yours"
                    : "e-service '" + service.strip() + "' is not registered for organisation " + organisationsnummer
                    + registered.stream().filter(name -> name.equalsIgnoreCase(service.strip())).findFirst()
                            .map(name -> " (names are case-sensitive: did you mean " + name + "?)").orElse("")
                    + "; its registered e-services: " + String.join(", ", registered);
            detail += " (the self-test, GET " + CONNECTION_PATH + ", shows the registration and each e-service's items)";
            return new Decision.Refused(Reason.NOT_REGISTERED, detail, 0);
        }
        return new Decision.Granted(entitlement.get());
    }

    /**
     * The caller named by the certificate, read once per TLS session: a keep-alive connection sends many
     * requests over one session, and the subject does not change within it.
     */
    private static Caller caller(RoutingContext routing, X509Certificate certificate) {
        SSLSession session = routing.request().sslSession();
        if (session.getValue(SESSION_CALLER) instanceof Caller known) {
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
        session.putValue(SESSION_CALLER, caller);
        return caller;
    }
}
