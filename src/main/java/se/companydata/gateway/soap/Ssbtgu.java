package se.companydata.gateway.soap;

/** The SSBTGU v2 namespaces and fixed values, as the contract spells them. */
final class Ssbtgu {

    static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String LOOKUP = "http://schema.bolagsverket.se/ssbtgu/v2/grundlaggandeuppgifter";
    static final String FAULT = "http://schema.bolagsverket.se/ssbtgu/v2/servicefel";
    static final String METADATA = "http://schema.bolagsverket.se/ssbt/metadata";
    static final String FEL = "http://schema.bolagsverket.se/ssbt/fel";
    static final String COMPANY = "http://schema.bolagsverket.se/ssbt/foretag";
    static final String ROLE_CERTIFICATE = "http://schema.bolagsverket.se/ssbt/rollintyg";
    static final String SCHEMA_VERSION = "2.5.0";
    static final String SOAP_ACTION = "urn:GetForetagsuppgifter";

    private Ssbtgu() {
    }
}
