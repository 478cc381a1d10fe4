package se.companydata.gateway.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.eclipse.microprofile.config.Config;
import se.companydata.gateway.cluster.SharedState;
import se.companydata.gateway.domain.UdItem;

/**
 * The connection self-test: for the certificate a caller presented, whether the gateway trusts it
 * (and if not, why), which organisationsnummer it reads from it and from which attribute (or why
 * none), its expiry; and, for a named e-service, whether that pair is registered, with its items,
 * use areas and rate limit. It answers only about the caller's own certificate and organisation.
 */
@ApplicationScoped
public class ConnectionCheck {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** The subject attributes organisation certificates carry the number in, by name rather than as hex. */
    private static final Map<String, String> NAMES = Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97", "organizationIdentifier");

    /** Why a certificate is not trusted. */
    public enum TrustProblem {
        NO_CERTIFICATE, EXPIRED, NOT_YET_VALID, UNKNOWN_ISSUER, INCOMPLETE_CHAIN, WRONG_KEY_USAGE, INVALID_SIGNATURE, REVOKED,
        UNKNOWN_REVOCATION_STATUS
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(boolean ready, Certificate certificate, Trust trust, Organisation organisation, Registration registration,
                         List<String> nextSteps) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Certificate(String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter, Long daysLeft,
                              int chainLength) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trust(boolean trusted, TrustProblem problem, String explanation, RevocationCheck.Verdict revocation, Instant revokedAt) {

        Trust(boolean trusted, TrustProblem problem, String explanation) {
            this(trusted, problem, explanation, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organisation(String organisationsnummer, String attribute, String value, String noneBecause) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registration(String tjanstenamn, Boolean registered, List<String> items, List<String> useAreas, Double ratePerSecond,
                               Integer burst, String rateLimitApplies, List<String> yourRegisteredServices, String explanation) {
    }

    /** Items whose only source is Bolagsverket's optional Företagsinformation API. */
    private static final Set<UdItem> FORETAGSINFORMATION = EnumSet.of(UdItem.UD0014, UdItem.UD0045, UdItem.UD0047, UdItem.UD0048);

    private final ClientCaStore cas;
    private final RevocationCheck revocation;
    private final ConsumerRegistry registry;
    private final boolean foretagsinformation;
    private final SharedState shared;

    ConnectionCheck(ClientCaStore cas, RevocationCheck revocation, ConsumerRegistry registry, SharedState shared, Config config) {
        this.cas = cas;
        this.shared = shared;
        this.revocation = revocation;
        this.registry = registry;
        this.foretagsinformation = config.getOptionalValue("quarkus.rest-client.foretagsinformation.url", String.class)
                .filter(url -> !url.isBlank()).isPresent();
    }

    /** Whether the registered rate is the deployment's right now, or each replica's share of it (docs/configuration.md). */
    private String rateLimitApplies() {
        if (shared.available()) {
            return "to the whole deployment (its replicas share it through Redis)";
        }
        int replicas = shared.replicas();
        return replicas == 1 ? "to this gateway (one replica, nothing shared)"
                : "per replica, 1/" + replicas + " of it in each" + (shared.configured() ? " while Redis does not answer" : " (no Redis configured)");
    }

    /** The chain the caller presented in this TLS session, leaf first; empty when it presented none. */
    public static List<X509Certificate> presented(SSLSession session) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            if (session != null) {
                for (var c : session.getPeerCertificates()) {   // java.security.cert.Certificate: the name is taken by the report's record
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
            }
        } catch (SSLPeerUnverifiedException none) {
            // no certificate presented
        }
        return chain;
    }

    /**
     * @param chain as the caller sent it (leaf first; empty when it sent none); @param service the e-service it names, or null.
     * A chain that passes every other check is checked for revocation too (known at once when the caller's request was).
     */
    public Uni<Report> check(List<X509Certificate> chain, String service) {
        if (chain.isEmpty()) {
            return Uni.createFrom().item(report(chain, service, null));
        }
        Instant now = Instant.now();
        Trust path = trust(chain, now);
        if (!path.trusted()) {
            return Uni.createFrom().item(report(chain, service, path));
        }
        return revocation.status(chain).map(status -> report(chain, service, withRevocation(path, status)));
    }

    /** @param trust the chain's path validation with its revocation status (null when no chain was presented) */
    private Report report(List<X509Certificate> chain, String service, Trust trust) {
        List<String> next = new ArrayList<>();
        if (chain.isEmpty()) {
            next.add("configure your client (e-service platform) to present your organisation certificate and its key");
            return new Report(false, null, new Trust(false, TrustProblem.NO_CERTIFICATE,
                    "no client certificate was presented; the API requires one (mutual TLS)"), null, null, next);
        }
        X509Certificate leaf = chain.get(0);
        Instant now = Instant.now();
        Instant notAfter = leaf.getNotAfter().toInstant();
        Certificate certificate = new Certificate(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMES),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253, NAMES),
                leaf.getSerialNumber().toString(16), leaf.getNotBefore().toInstant(), notAfter,
                Duration.between(now, notAfter).toDays(), chain.size());
        if (!trust.trusted()) {
            next.add(switch (trust.problem()) {
                case EXPIRED -> "order a new organisation certificate and install it with its key";
                case NOT_YET_VALID -> "check the clock of the calling server, or wait until the certificate is valid";
                case UNKNOWN_ISSUER -> "use an organisation certificate from a CA the gateway accepts, or ask the operator whether your CA can be added";
                case INCOMPLETE_CHAIN -> "configure your client to send the whole chain: your certificate and every intermediate CA certificate";
                case WRONG_KEY_USAGE -> "use a certificate issued for client authentication (extended key usage clientAuth)";
                case REVOKED -> "this certificate was revoked by its CA: order a new organisation certificate and install it with its key";
                case UNKNOWN_REVOCATION_STATUS -> "the CA's OCSP responder or CRL could not be reached or read: try again shortly; if it "
                        + "persists, ask the operator (the gateway refuses certificates whose revocation status it cannot establish)";
                default -> "use a valid organisation certificate";
            });
        }
        Organisation organisation;
        try {
            CertificateOrganisationsnummer.Found found = CertificateOrganisationsnummer.read(leaf);
            organisation = new Organisation(found.organisationsnummer(), found.attribute(), found.value(), null);
        } catch (CertificateOrganisationsnummer.UnusableCertificateException e) {
            organisation = new Organisation(null, null, null, e.getMessage());
            next.add("use an organisation certificate whose subject carries your organisationsnummer (serialNumber, or organizationIdentifier NTRSE-…)");
        }
        // Registrations only to a trusted certificate: anyone can make a certificate that names someone else's organisationsnummer.
        Registration registration = organisation.organisationsnummer() == null || !trust.trusted() ? null
                : registration(organisation.organisationsnummer(), service, next);
        if (trust.trusted() && organisation.organisationsnummer() != null && notAfter.isBefore(now.plus(Duration.ofDays(30)))) {
            next.add("the certificate expires in " + certificate.daysLeft() + " days: renew it and send the new one before then");
        }
        boolean ready = trust.trusted() && organisation.organisationsnummer() != null && registration != null && Boolean.TRUE.equals(registration.registered());
        return new Report(ready, certificate, trust, organisation, registration, next);
    }

    private Registration registration(String organisationsnummer, String service, List<String> next) {
        List<String> own = registry.services(organisationsnummer);
        if (service == null || service.isBlank()) {
            next.add(own.isEmpty() ? "ask the operator to register your organisation and e-service"
                    : "name your e-service in X-Service-Name (JSON API) or Datakonsument/Service/ServiceNamn (SOAP)");
            return new Registration(null, null, null, null, null, null, null, own,
                    own.isEmpty() ? "organisation " + organisationsnummer + " has no registered e-service"
                            : "name an e-service (X-Service-Name) to check it; yours are listed");
        }
        String name = service.strip();
        registry.entitlement(organisationsnummer, name).filter(e -> !foretagsinformation)
                .map(e -> e.items().stream().filter(FORETAGSINFORMATION::contains).sorted().map(UdItem::name).toList())
                .filter(items -> !items.isEmpty())
                .ifPresent(items -> next.add("in this deployment " + String.join(", ", items) + " have no source (Bolagsverket's "
                        + "Företagsinformation API is not configured): they are answered with an error saying so, not with a value"));
        return registry.entitlement(organisationsnummer, name).map(e -> new Registration(name, true,
                        e.items().stream().sorted().map(UdItem::name).toList(), e.useAreas().stream().map(Enum::name).sorted().toList(),
                        e.rateLimit().perSecond(), e.rateLimit().burst(), rateLimitApplies(), own, "e-service " + name + " of organisation " + organisationsnummer
                                + " is registered" + (e.auditor() ? " (auditor)" : "")))
                .orElseGet(() -> {
                    next.add("ask the operator to register e-service " + name + " for organisation " + organisationsnummer);
                    return new Registration(name, false, null, null, null, null, null, own, "e-service " + name + " is not registered for organisation "
                            + organisationsnummer);
                });
    }

    private static Trust withRevocation(Trust trust, RevocationCheck.Status status) {
        if (!trust.trusted() || status == null) {
            return trust;
        }
        return switch (status.verdict()) {
            case REVOKED -> new Trust(false, TrustProblem.REVOKED, status.explanation(), status.verdict(), status.revokedAt());
            case UNKNOWN -> status.refuses()
                    ? new Trust(false, TrustProblem.UNKNOWN_REVOCATION_STATUS, status.explanation(), status.verdict(), null)
                    : new Trust(true, null, trust.explanation() + "; revocation status unknown, accepted because this CA is checked "
                            + "soft-fail: " + status.explanation(), status.verdict(), null);
            case GOOD, NOT_CHECKED -> new Trust(true, null, trust.explanation(), status.verdict(), null);
        };
    }

    /** PKIX validation against the API's client-CA store, with the reason spelled out when it fails. */
    Trust trust(List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            return new Trust(false, TrustProblem.EXPIRED, "the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return new Trust(false, TrustProblem.NOT_YET_VALID, "the certificate is valid only from " + leaf.getNotBefore().toInstant());
        }
        Set<TrustAnchor> anchors = cas.anchors();
        if (anchors.isEmpty()) {
            return new Trust(false, TrustProblem.UNKNOWN_ISSUER, "the gateway has no client-CA store to check against");
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(ClientCaStore.withoutTrustedRoots(chain, anchors));
            PKIXParameters parameters = new PKIXParameters(anchors);
            // Revocation is RevocationCheck's (off the event loop, cached); this is the path alone.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (CertPathValidatorException e) {
            X509Certificate top = chain.get(chain.size() - 1);
            boolean selfSigned = top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
            if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                return new Trust(false, TrustProblem.INVALID_SIGNATURE, "the chain's signatures do not verify");
            }
            if (!selfSigned && chain.size() > 1 && !issuerKnown(top, anchors)) {
                return new Trust(false, TrustProblem.INCOMPLETE_CHAIN, "the chain ends at " + top.getIssuerX500Principal().getName()
                        + ", which was not sent and is not a CA the gateway trusts: send every intermediate CA certificate");
            }
            return new Trust(false, TrustProblem.UNKNOWN_ISSUER, "issued by " + leaf.getIssuerX500Principal().getName()
                    + ", which is not among the CAs the gateway trusts for clients" + (selfSigned ? "" : " (if it is an intermediate CA under "
                    + "one the gateway trusts, send it with your certificate: the chain is incomplete)"));
        } catch (GeneralSecurityException e) {
            return new Trust(false, TrustProblem.UNKNOWN_ISSUER, "the chain cannot be checked: " + e.getMessage());
        }
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains("2.5.29.37.0")) {
                return new Trust(false, TrustProblem.WRONG_KEY_USAGE, "the certificate's extended key usage " + usages
                        + " does not include client authentication (" + CLIENT_AUTH + ")");
            }
            boolean[] keyUsage = leaf.getKeyUsage();
            if (keyUsage != null && !keyUsage[0] && !(keyUsage.length > 4 && keyUsage[4])) {
                return new Trust(false, TrustProblem.WRONG_KEY_USAGE, "the certificate's key usage does not allow digital signatures");
            }
        } catch (CertificateParsingException e) {
            return new Trust(false, TrustProblem.WRONG_KEY_USAGE, "the certificate's key usage cannot be read");
        }
        return new Trust(true, null, "issued by " + leaf.getIssuerX500Principal().getName() + ", which the gateway trusts");
    }

    private static boolean issuerKnown(X509Certificate top, Set<TrustAnchor> anchors) {
        X500Principal issuer = top.getIssuerX500Principal();
        return anchors.stream().anyMatch(a -> a.getTrustedCert().getSubjectX500Principal().equals(issuer));
    }
}
