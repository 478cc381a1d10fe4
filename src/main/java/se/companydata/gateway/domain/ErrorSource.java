package se.companydata.gateway.domain;

/** SSBTGU {@code Fel/@Kalla}: who raised an item error — the producer itself, or this gateway. */
public enum ErrorSource {
    Dataproducent,
    Formedlare
}
