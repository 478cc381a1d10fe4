package se.companydata.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** The embedded audit trail: a hash-chained, group-committed journal on local disk (a volume per pod). */
@Startup
@ApplicationScoped
public class LocalJournalAuditTrail implements AuditTrail {

    private static final Logger LOG = Logger.getLogger(LocalJournalAuditTrail.class);

    private final Journal journal;
    private final ObjectMapper json;
    private final Timer commits;

    LocalJournalAuditTrail(AuditConfig config, ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.commits = Timer.builder("gateway.audit.commit").description("Time until an audit record is durable")
                .publishPercentileHistogram().register(metrics);
        DistributionSummary batches = DistributionSummary.builder("gateway.audit.batch.size")
                .description("Audit records made durable by one fsync").register(metrics);
        try {
            this.journal = new Journal(Path.of(config.directory()), config.maxFileSize().asLongValue(), config.maxFileAge(),
                    config.maxBatch(), batches::record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit journal in " + config.directory(), e);
        }
        LOG.infof("Audit journal in %s", Path.of(config.directory()).toAbsolutePath());
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
        return Uni.createFrom().completionStage(journal.append(line))
                .onItem().invoke(() -> commits.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean isWritable() {
        return journal.isWritable();
    }

    /** On shutdown: write and fsync every queued record before the process ends. */
    @PreDestroy
    void flush() throws InterruptedException {
        journal.close();
    }
}
