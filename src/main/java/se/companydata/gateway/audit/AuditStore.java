package se.companydata.gateway.audit;

import java.util.concurrent.CompletableFuture;
import se.companydata.gateway.audit.chain.ChainHead;

/** Where chained records are made durable: the journal on a local volume, or the shared PostgreSQL table. */
public interface AuditStore {

    /** Completes once the record is durable; fails if it cannot be made durable. */
    public CompletableFuture<Void> append(AuditRecord record, byte[] json);

    public boolean isWritable();

    /** The newest durable record of this writer's chain. */
    public ChainHead head();

    /** Makes every queued record durable, then stops. */
    public void close() throws InterruptedException;
}
