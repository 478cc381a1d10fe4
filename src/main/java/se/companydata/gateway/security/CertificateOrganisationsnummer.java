package se.companydata.gateway.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.InvalidIdentityException;

/**
 * Reads the organisationsnummer from an organisation certificate's subject: {@code serialNumber}
 * (2.5.4.5) as 10 digits or 16 + 10 digits, or eIDAS-style {@code organizationIdentifier}
 * (2.5.4.97) as {@code NTRSE-} + 10 digits. The JDK prints both as hex unless asked for by OID.
 */
public final class CertificateOrganisationsnummer {

    private static final Map<String, String> KEYWORDS = Map.of("2.5.4.5", "serialNumber", "2.5.4.97", "organizationIdentifier");

    private CertificateOrganisationsnummer() {
    }

    /** Where in the subject the organisationsnummer was found: the attribute, as written there. */
    public record Found(String organisationsnummer, String attribute, String value) {
    }

    /** The organisationsnummer, or an {@link UnusableCertificateException} saying why there is none. */
    public static String of(X509Certificate certificate) {
        return read(certificate).organisationsnummer();
    }

    /** The organisationsnummer and the subject attribute it came from, or an {@link UnusableCertificateException} saying why there is none. */
    public static Found read(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, KEYWORDS);
        List<Found> found = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                String value = String.valueOf(rdn.getValue());
                if (rdn.getType().equalsIgnoreCase("serialNumber") && value.matches("(16)?\\d{10}")) {
                    found.add(new Found(organisationsnummer(value), value.length() == 12 ? "serialNumber (16 + organisationsnummer)" : "serialNumber", value));
                }
                if (rdn.getType().equalsIgnoreCase("organizationIdentifier") && value.matches("NTRSE-\\d{10}")) {
                    found.add(new Found(organisationsnummer(value.substring("NTRSE-".length())), "organizationIdentifier (eIDAS, NTRSE-)", value));
                }
            }
        } catch (InvalidNameException e) {
            throw new UnusableCertificateException("the certificate subject cannot be read");
        }
        if (found.isEmpty()) {
            throw new UnusableCertificateException("the certificate subject holds no organisationsnummer (serialNumber with 10 or 16+10 digits, or organizationIdentifier NTRSE-<10 digits>)");
        }
        // Two attributes naming different organisations: choosing one would let the subject's order decide who is asking.
        if (found.stream().map(Found::organisationsnummer).distinct().count() > 1) {
            // LdapName lists RDNs last first; the subject is read left to right.
            List<Found> inOrder = new ArrayList<>(found);
            Collections.reverse(inOrder);
            throw new UnusableCertificateException("the certificate subject names more than one organisation (" + inOrder.stream()
                    .map(f -> f.attribute().replaceAll(" .*", "") + " " + f.value()).collect(Collectors.joining(", ")) + "): it is ambiguous");
        }
        return found.get(0);
    }

    private static String organisationsnummer(String digits) {
        try {
            CompanyId id = CompanyId.parse(digits, null);
            if (id.type() != IdentityType.Organisationsnummer) {
                throw new UnusableCertificateException("the certificate subject's number is not an organisationsnummer");
            }
            return id.number();
        } catch (InvalidIdentityException e) {
            throw new UnusableCertificateException("the certificate subject's " + e.getMessage());
        }
    }

    /** A trusted certificate that does not name an organisation. */
    public static class UnusableCertificateException extends RuntimeException {
        public UnusableCertificateException(String detail) {
            super(detail, null, false, false);
        }
    }
}
