package se.companydata.gateway.audit;

import io.smallrye.mutiny.Uni;

/**
 * Where audit records are made durable. A lookup's answer leaves the gateway only after
 * {@link #commit} succeeded; a failure means the answer is replaced by 503 and nothing is disclosed.
 * The local journal is the embedded implementation; a shared database store can follow.
 */
public interface AuditTrail {

    /** Completes once the record is durable (fsynced), fails if it cannot be made durable. */
    Uni<Void> commit(AuditRecord record);

    /** Whether the last attempt to write succeeded (readiness). */
    boolean isWritable();
}
