package se.companydata.gateway.security;

/**
 * Who is asking: the organisation from its certificate (null when the certificate names none, with the
 * reason in {@code unusableBecause}), and that certificate's serial and issuer (for the audit trail).
 */
public record Caller(String organisationsnummer, String certificateSerial, String certificateIssuer, String unusableBecause) {
}
