package se.companydata.gateway.sandbox;

/** What a simulated producer does instead of (or before) answering. */
public enum Fault {
    /** Answer normally after the configured latency. */
    NONE,
    /** Answer normally, but only after {@code slow-delay} more. */
    SLOW,
    /** HTTP 500 with a problem body. */
    ERROR,
    /** HTTP 503, as a producer under maintenance answers. */
    UNAVAILABLE,
    /** Never answer; the connection is closed after {@code hang-timeout}. */
    TIMEOUT,
    /** HTTP 200 with a body that is not the contract's JSON. */
    GARBAGE,
    /** Close the connection without answering. */
    RESET
}
