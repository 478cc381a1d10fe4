package se.companydata.gateway.audit;

import java.util.concurrent.CompletableFuture;

/** Where chained records are made durable: the journal on a local volume, or the shared PostgreSQL table. */
interface AuditStore {

    /** Completes once the record is durable; fails if it cannot be made durable. */
    CompletableFuture<Void> append(AuditRecord record, byte[] json);

    boolean isWritable();

    /** The newest durable record of this writer's chain. */
    ChainHead head();

    /** Makes every queued record durable, then stops. */
    void close() throws InterruptedException;
}
