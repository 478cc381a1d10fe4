package se.companydata.gateway.security;

/** Who is asking: the organisation from its certificate, and that certificate's serial and issuer (for the audit trail). */
public record Caller(String organisationsnummer, String certificateSerial, String certificateIssuer) {
}
