package se.companydata.gateway.security;

/**
 * Who is asking: the organisation from its certificate (null when the certificate names none, with the
 * reason in {@code unusableBecause}), that certificate's serial and issuer (for the audit trail), and its
 * revocation status as established for this request (null until it is).
 */
public record Caller(String organisationsnummer, String certificateSerial, String certificateIssuer, String unusableBecause,
                     RevocationCheck.Status revocation) {

    Caller withRevocation(RevocationCheck.Status status) {
        return new Caller(organisationsnummer, certificateSerial, certificateIssuer, unusableBecause, status);
    }
}
