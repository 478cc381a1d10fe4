package se.companydata.gateway.domain;

/** A caller's identity input that cannot name a company; the message is the problem detail. */
public class InvalidIdentityException extends RuntimeException {
    public InvalidIdentityException(String detail) {
        super(detail, null, false, false);
    }
}
