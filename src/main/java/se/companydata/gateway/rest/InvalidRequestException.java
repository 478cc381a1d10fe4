package se.companydata.gateway.rest;

/** A caller's request that is well-formed JSON but asks for something that cannot be answered. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String detail) {
        super(detail, null, false, false);
    }
}
