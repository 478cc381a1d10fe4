package se.companydata.gateway.domain;

/**
 * What every producer call of one lookup carries: the transaction id (sent on as X-Request-Id), the
 * load's deadline, and what a producer's quota queue needs: whose call it is, whether a person waits
 * for it, and by when the caller needs it (the earlier of its own time budget and the deadline).
 */
public record CallContext(String transactionId, Deadline deadline, String consumer, boolean interactive, Deadline needed) {

    public CallContext(String transactionId, Deadline deadline) {
        this(transactionId, deadline, null, false, deadline);
    }
}
