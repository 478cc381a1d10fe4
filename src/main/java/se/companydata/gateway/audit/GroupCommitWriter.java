package se.companydata.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.chain.ChainHead;

/**
 * Group commit, as both stores do it: one writer thread takes whatever records are waiting (at most
 * {@code maxBatch}) and makes them durable together; each record's future completes only after that.
 * A failure fails the whole batch (nothing of it is disclosed) and the thread carries on. Subclasses
 * say how a batch is made durable, and may act while idle, before the first batch and after the last.
 */
public abstract class GroupCommitWriter implements AuditStore {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);

    /** A record waiting: the record (null where only its JSON is known), its JSON, and who waits for it. */
    public record Pending(AuditRecord record, byte[] json, CompletableFuture<Void> durable) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether the last attempt to write succeeded (readiness). */
    protected volatile boolean writable = true;
    /** The newest durable record of this writer's chain. */
    protected volatile ChainHead head = ChainHead.EMPTY;

    public GroupCommitWriter(String threadName, int maxBatch) {
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** Called at the end of the subclass's constructor, once its own state is in place. */
    protected final void startWriter() {
        thread.start();
    }

    @Override
    public CompletableFuture<Void> append(AuditRecord record, byte[] json) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (!running) {
            durable.completeExceptionally(new IllegalStateException("the audit store is closed"));
        } else {
            queue.add(new Pending(record, json, durable));
        }
        return durable;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public ChainHead head() {
        return head;
    }

    /** Stops taking records, makes what is queued durable, then lets the subclass let go of its resources. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Makes the batch durable and completes its futures, or fails them. */
    protected abstract void write(List<Pending> batch);

    /** On the writer thread, before the first batch. */
    protected void beforeFirst() {
    }

    /** On the writer thread, about every 50 ms while no record waits. */
    protected void idle() {
    }

    /** On the writer thread, after the last batch (after {@link #close}). */
    protected void afterLast() {
    }

    /** On the writer thread, when {@link #write} threw instead of failing its batch. */
    protected void failed(Throwable e) {
    }

    private void run() {
        beforeFirst();
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (running) {
                        idle();
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // Whatever the disk or the driver throws, the writer lives on: the batch fails (nothing disclosed).
                LOG.error("Audit store writer failed", e);
                failed(e);
                batch.forEach(p -> p.durable().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        afterLast();
    }
}
