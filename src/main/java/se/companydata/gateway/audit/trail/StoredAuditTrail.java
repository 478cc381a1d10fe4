package se.companydata.gateway.audit.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.AuditSource;
import se.companydata.gateway.audit.AuditStore;
import se.companydata.gateway.audit.AuditTrail;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.journal.Journal;
import se.companydata.gateway.audit.journal.JournalSource;
import se.companydata.gateway.audit.postgres.PostgresAuditStore;
import se.companydata.gateway.audit.postgres.PostgresSource;

/**
 * The audit trail in the store the configuration chooses ({@code gateway.audit.store}): records
 * serialised, handed to the store, timed; the chain's head anchored at an interval and at shutdown.
 */
@Startup
@ApplicationScoped
public class StoredAuditTrail implements AuditTrail {

    private static final Logger LOG = Logger.getLogger(StoredAuditTrail.class);

    private final AuditConfig config;
    private final ObjectMapper json;
    private final Timer commits;
    private final AuditStore store;
    private final AuditAnchoring anchoring;
    private final ScheduledExecutorService anchorTimer;
    private final AuditSource source;
    private volatile ChainHead anchored;

    public StoredAuditTrail(AuditConfig config, ObjectMapper json, MeterRegistry metrics, Instance<DataSource> dataSource,
                     AuditAnchoring anchoring) {
        this.config = config;
        this.json = json;
        this.anchoring = anchoring;
        if (!config.writer().matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("gateway.audit.writer must be 1-100 characters A-Z, a-z, 0-9, '.', '_' or '-': " + config.writer());
        }
        this.commits = Timer.builder("gateway.audit.commit").description("Time until an audit record is durable")
                .publishPercentileHistogram().register(metrics);
        DistributionSummary batches = DistributionSummary.builder("gateway.audit.batch.size")
                .description("Audit records made durable together (one fsync or one transaction)").register(metrics);
        this.store = switch (config.store()) {
            case JOURNAL -> {
                try {
                    Journal journal = new Journal(Path.of(config.directory()), config.maxFileSize().asLongValue(), config.maxFileAge(),
                            config.maxBatch(), batches::record);
                    LOG.infof("Audit journal in %s (writer %s)", Path.of(config.directory()).toAbsolutePath(), config.writer());
                    yield journal;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot open the audit journal in " + config.directory(), e);
                }
            }
            case POSTGRESQL -> {
                LOG.infof("Audit trail in PostgreSQL (writer %s)", config.writer());
                yield new PostgresAuditStore(dataSource.get(), config.writer(), config.maxBatch(), config.probeInterval(), batches::record);
            }
        };
        this.source = switch (config.store()) {
            case JOURNAL -> new JournalSource(List.of(Path.of(config.directory())));
            case POSTGRESQL -> new PostgresSource(dataSource.get()::getConnection);
        };
        this.anchored = store.head();
        this.anchorTimer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-anchor");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.anchor().interval().toMillis();
        if (every > 0) {
            anchorTimer.scheduleAtFixedRate(this::anchorIfMoved, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Uni<Void> commit(AuditRecord record) {
        byte[] line;
        try {
            line = json.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(store.append(record, line))
                .ifNoItem().after(config.commitTimeout()).fail()
                .onItem().invoke(() -> commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean isWritable() {
        return store.isWritable();
    }

    /** This writer's newest durable record. */
    public ChainHead head() {
        return store.head();
    }

    /** The records this gateway can read back: its own journal, or every replica's rows in the database. */
    public AuditSource source() {
        return source;
    }

    public String writer() {
        return config.writer();
    }

    private void anchorIfMoved() {
        ChainHead head = store.head();
        if (head.seq() > 0 && !head.equals(anchored)) {
            anchoring.anchor(config.writer(), head).ifPresent(anchor -> anchored = head);
        }
    }

    /** On shutdown: every queued record made durable, then the final head anchored. */
    @PreDestroy
    public void close() throws InterruptedException {
        anchorTimer.shutdownNow();
        store.close();
        if (config.anchor().interval().toMillis() > 0) {
            anchoring.anchor(config.writer(), store.head());
        }
    }
}
