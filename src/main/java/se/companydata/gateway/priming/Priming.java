package se.companydata.gateway.priming;

import io.quarkus.arc.All;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpsServerStart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import se.companydata.gateway.client.ConnectionPriming;
import se.companydata.gateway.client.ProducerClient;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.CompanyNotFoundException;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.ProducerStatus;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.service.LookupService;
import se.companydata.gateway.domain.PrimingSample;

/**
 * What the gateway does before it reports ready, so that its first callers meet a running service
 * rather than a cold JVM: producer connections opened and warmed (TLS done, Bolagsverket token held),
 * then, if a priming identity is configured, that company looked up and its answer rendered by every
 * protocol adapter until their code is compiled, and (if configured) lookups of it sent to the
 * gateway's own API ({@link SelfCalls}). Readiness waits for this, up to a timeout.
 * <p>
 * It runs on a thread of its own, which blocks on the calls deliberately: nothing else runs yet.
 */
@ApplicationScoped
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final GatewayConfig.Priming config;
    private final Duration deadline;
    private final List<ProducerClient> clients;
    private final LookupService service;
    private final Event<PrimingSample> samples;
    private final SelfCalls selfCalls;
    private final long startedNanos = System.nanoTime();
    private volatile boolean finished;
    private volatile String outcome = "not started";

    Priming(GatewayConfig config, @All List<ProducerClient> clients, LookupService service, Event<PrimingSample> samples,
            SelfCalls selfCalls) {
        this.config = config.priming();
        this.deadline = config.lookup().deadline();
        this.clients = clients;
        this.service = service;
        this.samples = samples;
        this.selfCalls = selfCalls;
    }

    /** Once the API port listens (an asynchronous event): in the sandbox the simulated producers are served there too. */
    void start(@ObservesAsync HttpsServerStart event) {
        if (!config.enabled()) {
            outcome = "disabled";
            finished = true;
            return;
        }
        outcome = "priming";
        int port = event.options().getPort();
        Thread thread = new Thread(() -> run(port), "gateway-priming");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether readiness may be reported: priming finished, or took longer than its timeout. */
    public boolean done() {
        return finished || System.nanoTime() - startedNanos > config.timeout().toNanos();
    }

    /** What priming did, for the readiness data and the log. */
    public String outcome() {
        return finished || !done() ? outcome : outcome + " (timed out after " + config.timeout().toSeconds() + " s; ready anyway)";
    }

    private void run(int apiPort) {
        long started = System.nanoTime();
        StringBuilder summary = new StringBuilder();
        try {
            List<Uni<ConnectionPriming.Primed>> priming = clients.stream()
                    .flatMap(client -> client.prime(config.connections(), config.rounds()).stream()).toList();
            List<ConnectionPriming.Primed> primed = Uni.join().all(priming).andFailFast().await().atMost(config.timeout());
            for (ConnectionPriming.Primed p : primed) {
                summary.append(p.producer()).append(": ").append(p.answered()).append(" liveness answers");
                if (p.failed() > 0) {
                    summary.append(", ").append(p.failed()).append(" failed (").append(p.firstFailure()).append(")");
                }
                summary.append("; ");
            }
            config.identity().ifPresentOrElse(identity -> {
                summary.append(sample(identity));
                if (selfCalls.configured()) {
                    summary.append("; ").append(selfCalls.run(identity, apiPort, config.timeout()));
                }
            }, () -> summary.append("no priming identity: adapters not exercised"));
        } catch (RuntimeException e) {
            summary.append("failed: ").append(e);
        }
        outcome = summary + String.format(" (%.1f s)", (System.nanoTime() - started) / 1e9);
        finished = true;
        LOG.infof("Primed before readiness: %s", outcome);
        if (config.exitWhenDone()) {
            LOG.info("Priming done; exiting as configured (gateway.priming.exit-when-done)");
            Quarkus.asyncExit(0);
        }
    }

    /** The priming identity looked up (once from the producers, then from the cache) and rendered by every adapter. */
    private String sample(String identity) {
        CompanyId company = CompanyId.parse(identity, null);
        Set<UdItem> every = EnumSet.allOf(UdItem.class);
        LookupRequest request;
        LookupResult result;
        int lookups = 0;
        do {
            request = new LookupRequest(company, Set.of(), "priming-" + lookups, every, Set.of(), null, null, null);
            result = lookup(request);
            lookups++;
            // Repeated from the cache only: once a lookup reached the producers again (the cache is off, or an answer
            // was not cacheable), every further one would too.
        } while (lookups < config.repetitions() && (lookups == 1 || result.producers().values().stream().allMatch(ProducerStatus::fromCache)));
        samples.fire(new PrimingSample(request, result, config.repetitions()));
        return lookups + " lookups of the priming identity; its answer rendered " + config.repetitions() + " times by every adapter";
    }

    private LookupResult lookup(LookupRequest request) {
        try {
            return service.lookup(request).await().atMost(deadline.plusSeconds(1));
        } catch (CompanyNotFoundException unknown) {
            return unknown.result();
        }
    }
}
