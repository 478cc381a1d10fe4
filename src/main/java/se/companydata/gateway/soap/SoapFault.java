package se.companydata.gateway.soap;

import se.companydata.gateway.domain.ErrorType;

/** A request the SSBTGU endpoint refuses as a whole: answered with a SOAP fault whose detail is a Servicefel. */
final class SoapFault extends RuntimeException {

    private final ErrorType type;
    private final boolean clientFault;

    private SoapFault(ErrorType type, String description, boolean clientFault) {
        super(description, null, false, false);
        this.type = type;
        this.clientFault = clientFault;
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
