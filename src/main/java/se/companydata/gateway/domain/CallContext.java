package se.companydata.gateway.domain;

/** What every producer call of one lookup carries: the transaction id (sent on as X-Request-Id) and the deadline. */
public record CallContext(String transactionId, Deadline deadline) {
}
