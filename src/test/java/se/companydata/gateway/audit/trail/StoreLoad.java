package se.companydata.gateway.audit.trail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.ConcurrentHistogram;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.AuditStore;
import se.companydata.gateway.audit.admin.AuditReports;
import se.companydata.gateway.audit.journal.Journal;
import se.companydata.gateway.audit.postgres.PostgresAuditStore;

/**
 * The benchmark's direct load on an audit store, without HTTP: {@code concurrency} appends always
 * outstanding (each completion sends the next) for a while. How many records per second a store
 * makes durable, in how many commits, and how long each waits.
 */
public final class StoreLoad {

    public record Outcome(long records, long commits, double seconds, ConcurrentHistogram micros) {
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    private StoreLoad() {
    }

    public static Outcome journal(Path directory, int concurrency, Duration length) throws Exception {
        AtomicLong commits = new AtomicLong();
        Journal journal = new Journal(directory, 64L << 20, Duration.ofHours(1), 1024, size -> commits.incrementAndGet());
        return run(journal, commits, concurrency, length);
    }

    public static Outcome postgres(DataSource dataSource, String writer, int concurrency, Duration length) throws Exception {
        AtomicLong commits = new AtomicLong();
        PostgresAuditStore store = new PostgresAuditStore(dataSource, writer, 1024, Duration.ofSeconds(1), size -> commits.incrementAndGet());
        return run(store, commits, concurrency, length);
    }

    private static Outcome run(AuditStore store, AtomicLong commits, int concurrency, Duration length) throws Exception {
        AuditRecord record = new AuditRecord(Instant.now(), "bench", "2120009010", "SERVTILLSTBV", "1f", "CN=Test CA", "5595267773", null, null,
                "IndirektAteranvandning", null, List.of("UD0001", "UD0002", "UD0003", "UD0029"),
                List.of(new AuditRecord.Disclosed("UD0001", "Bolagsverket"), new AuditRecord.Disclosed("UD0002", "Bolagsverket"),
                        new AuditRecord.Disclosed("UD0003", "Bolagsverket"), new AuditRecord.Disclosed("UD0029", "Skatteverket")),
                List.of(), AuditRecord.Outcome.ANSWERED, 200, null, 3);
        byte[] json = AuditReports.mapper().writeValueAsBytes(record);
        ConcurrentHistogram micros = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong records = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch drained = new CountDownLatch(concurrency);
        long commitsBefore = commits.get();
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            send(store, record, json, micros, records, stop, drained);
        }
        Thread.sleep(length.toMillis());
        stop.set(true);
        double seconds = (System.nanoTime() - started) / 1e9;
        long done = records.get();
        long commitCount = commits.get() - commitsBefore;
        drained.await(30, TimeUnit.SECONDS);
        store.close();
        return new Outcome(done, commitCount, seconds, micros);
    }

    private static void send(AuditStore store, AuditRecord record, byte[] json, ConcurrentHistogram micros, AtomicLong records,
                             AtomicBoolean stop, CountDownLatch drained) {
        long sent = System.nanoTime();
        store.append(record, json).whenComplete((ok, failure) -> {
            if (failure == null) {
                micros.recordValue(Math.min(60_000_000L, (System.nanoTime() - sent) / 1000));
                records.incrementAndGet();
            }
            if (stop.get() || failure != null) {
                drained.countDown();
            } else {
                send(store, record, json, micros, records, stop, drained);
            }
        });
    }
}
