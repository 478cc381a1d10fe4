package se.companydata.gateway.client;

/** No permit of a producer's quota could be had within the caller's time budget: the call is not made. */
public final class QuotaExhaustedException extends RuntimeException {

    public QuotaExhaustedException(String message) {
        super(message, null, false, false);
    }
}
