package se.companydata.gateway.audit;

import java.time.Instant;

/**
 * Records read back from a store, for the disclosure register and the service-level report.
 * Each record comes as its JSON (the part the chain hashed); the reader decides what to parse.
 */
public interface AuditSource {

    /** A stored record: its writer, its place in the writer's chain, its JSON. */
    public record Stored(String writer, long seq, String json) {
    }

    public interface Sink {
        void accept(Stored record) throws Exception;
    }

    /**
     * Every record whose time is in [{@code from}, {@code to}), only those about {@code subject} (the company
     * looked up, as stored) unless it is null; in each writer's order.
     */
    public void read(String subject, Instant from, Instant to, Sink sink) throws Exception;
}
