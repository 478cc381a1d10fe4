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
    /** Close the connection without answering (every other request in flight on it is lost too). */
    RESET,
    /** Start a normal answer (status, headers, half the body), then close the connection abruptly. */
    ABORT,
    /**
     * Answer normally, but take the connection out of service gracefully: on HTTP/2 a {@code GOAWAY}
     * (requests in flight finish, new ones must use another connection), on HTTP/1.1 {@code Connection: close}.
     */
    GOAWAY
}
