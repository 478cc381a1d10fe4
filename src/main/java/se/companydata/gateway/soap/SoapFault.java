package se.companydata.gateway.soap;

import se.companydata.gateway.domain.ErrorType;

/** A request the SSBTGU endpoint refuses as a whole: answered with a SOAP fault whose detail is a Servicefel. */
final class SoapFault extends RuntimeException {

    private final ErrorType type;
    private final boolean clientFault;
    private final String faultCode;

    private SoapFault(ErrorType type, String description, boolean clientFault, String faultCode) {
        super(description, null, false, false);
        this.type = type;
        this.clientFault = clientFault;
        this.faultCode = faultCode;
    }

    private SoapFault(ErrorType type, String description, boolean clientFault) {
        this(type, description, clientFault, clientFault ? "soap:Client" : "soap:Server");
    }

    /** A header block marked {@code mustUnderstand="1"} that this endpoint does not understand: {@code soap:MustUnderstand} (SOAP 1.1 §4.2.3). */
    static SoapFault mustUnderstand(String description) {
        return new SoapFault(ErrorType.OgiltigBegaran, description, true, "soap:MustUnderstand");
    }

    /** The SOAP 1.1 fault code: {@code soap:Client}, {@code soap:Server} or {@code soap:MustUnderstand}. */
    String faultCode() {
        return faultCode;
    }

    /** The request is malformed or not allowed: {@code soap:Client}. */
    static SoapFault client(ErrorType type, String description) {
        return new SoapFault(type, description, true);
    }

    /** The gateway cannot serve it now: {@code soap:Server}. */
    static SoapFault server(ErrorType type, String description) {
        return new SoapFault(type, description, false);
    }

    ErrorType type() {
        return type;
    }

    boolean clientFault() {
        return clientFault;
    }
}
