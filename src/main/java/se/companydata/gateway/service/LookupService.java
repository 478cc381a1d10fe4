package se.companydata.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.companydata.gateway.client.ProducerClient;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.CompanyNotFoundException;
import se.companydata.gateway.domain.Deadline;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.domain.UseAreaNotApprovedException;

/**
 * One lookup: the sources holding the requested items are asked in parallel (through the cache),
 * their answers merged item by item. Producer trouble becomes per-item errors; the only failure
 * is a company that no producer asked knows.
 */
@ApplicationScoped
public class LookupService {

    private final GatewayConfig config;
    private final ItemMapping mapping;
    private final AnswerCache cache;
    private final ProtectedIdentityPolicy protection;
    private final ProfileMerger merger;
    private final Map<Source, ProducerClient> clients;
    private final Counter complete;
    private final Counter partial;

    LookupService(GatewayConfig config, ItemMapping mapping, AnswerCache cache, ProtectedIdentityPolicy protection,
                  ProfileMerger merger, @All List<ProducerClient> clients, MeterRegistry metrics) {
        this.config = config;
        this.mapping = mapping;
        this.cache = cache;
        this.protection = protection;
        this.merger = merger;
        this.clients = bySource(clients);
        // Partial by the domain's one definition (ErrorType.isShortfall), as the audit record and the report count it.
        this.complete = Counter.builder("gateway.lookups").description("Lookups answered, complete or partial (an item missing for want of a producer or its quota)")
                .tag("outcome", "complete").register(metrics);
        this.partial = Counter.builder("gateway.lookups").description("Lookups answered, complete or partial (an item missing for want of a producer or its quota)")
                .tag("outcome", "partial").register(metrics);
    }

    public Uni<LookupResult> lookup(LookupRequest request) {
        if (request.useArea() != null && !request.approvedUseAreas().contains(request.useArea())) {
            return Uni.createFrom().failure(new UseAreaNotApprovedException(request.useArea(), request.approvedUseAreas()));
        }
        // Producers are asked about the person or organisation; the löpnummer only picks among the answers.
        CompanyId asked = request.companyId().withoutLopnummer();
        // A load runs to the configured deadline, whoever started it: other callers may be collapsed onto it.
        // This caller waits no longer than its own time budget, if it gave a shorter one.
        Duration deadline = config.lookup().deadline();
        Deadline loadDeadline = Deadline.in(deadline);
        Deadline patience = request.timeBudget() != null && request.timeBudget().compareTo(deadline) < 0
                ? Deadline.in(request.timeBudget()) : null;
        // A person filling in a form (IndirektAteranvandning) is served before case systems in producers' quota queues.
        CallContext context = new CallContext(request.transactionId(), loadDeadline, request.consumer(),
                request.useArea() == UseArea.IndirektAteranvandning, patience != null ? patience : loadDeadline);
        // Items outside the caller's entitlement are never fetched: asked for by name they are refused per item.
        Set<UdItem> wanted = request.requested().isEmpty() ? request.entitled() : request.requested();
        Set<UdItem> fetched = EnumSet.noneOf(UdItem.class);
        Set<UdItem> refused = EnumSet.noneOf(UdItem.class);
        for (UdItem item : wanted) {
            (request.entitled().contains(item) ? fetched : refused).add(item);
        }
        Set<Source> sources = mapping.sourcesFor(fetched);
        if (sources.isEmpty()) {
            return Uni.createFrom().item(new LookupResult(request.companyId(), request.transactionId(),
                    merger.items(request.companyId(), fetched, refused, Map.of()), Map.of()));
        }

        Map<Source, AnswerCache.Lookup> lookups = new EnumMap<>(Source.class);
        AnswerCache.Lookup clearance = null;
        if (asked.type().isSoleTrader()) {
            // Skatteverket holds the protected-identity marking that decides whether addresses may be released,
            // so for a sole trader it is always asked, and every other answer waits for it before it is cached.
            clearance = cache.get(asked, Source.SKATTEVERKET_REGISTRERINGAR, () -> call(Source.SKATTEVERKET_REGISTRERINGAR, asked, context)
                    .map(own -> protection.apply(own, own)));
            lookups.put(Source.SKATTEVERKET_REGISTRERINGAR, clearance);
        }
        for (Source source : sources) {
            if (!lookups.containsKey(source)) {
                AnswerCache.Lookup cleared = clearance;
                lookups.put(source, cache.get(asked, source, () -> cleared == null
                        ? call(source, asked, context)
                        : Uni.combine().all().unis(call(source, asked, context), cleared.uni()).with(protection::apply)));
            }
        }

        List<Source> order = new ArrayList<>(lookups.keySet());
        // (A sole trader's Skatteverket clearance is asked even when no item needs Skatteverket.)
        List<Uni<ProducerAnswer>> unis = order.stream().map(s -> patience == null ? lookups.get(s).uni()
                : lookups.get(s).uni().ifNoItem().after(patience.remaining()).recoverWithItem(() -> ProducerAnswer.failed(s,
                        ItemError.byGateway(ErrorType.Timeout, s.producer() + " did not answer within the caller's time budget ("
                                + request.timeBudget().toMillis() + " ms)")))).toList();
        return Uni.combine().all().unis(unis).with(list -> {
            Map<Source, ProducerAnswer> answers = new EnumMap<>(Source.class);
            Map<Source, Boolean> fromCache = new EnumMap<>(Source.class);
            for (int i = 0; i < order.size(); i++) {
                answers.put(order.get(i), (ProducerAnswer) list.get(i));
                fromCache.put(order.get(i), lookups.get(order.get(i)).fromCache());
            }
            LookupResult result = new LookupResult(request.companyId(), request.transactionId(),
                    merger.items(request.companyId(), fetched, refused, answers), merger.statuses(answers, fromCache));
            if (!merger.nobodyKnows(answers)) {
                (result.isPartial() ? partial : complete).increment();
            }
            if (merger.nobodyKnows(answers)) {
                // Nothing of an identity nobody knows stays cached (SCB's empty workplace list looked like an answer).
                lookups.keySet().forEach(source -> cache.forget(asked, source));
                throw new CompanyNotFoundException("no producer knows " + request.companyId().type() + " "
                        + request.companyId().number() + " (asked: " + merger.producerNames(answers) + ")", result);
            }
            return result;
        });
    }

    private Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context) {
        return clients.get(source).call(source, id, context);
    }

    /** Every source's one client; a source without one, or with two, is a build mistake found at start. */
    static Map<Source, ProducerClient> bySource(List<ProducerClient> clients) {
        Map<Source, ProducerClient> bySource = new EnumMap<>(Source.class);
        for (ProducerClient client : clients) {
            for (Source source : client.sources()) {
                if (bySource.put(source, client) != null) {
                    throw new IllegalStateException("two producer clients call " + source);
                }
            }
        }
        EnumSet<Source> without = EnumSet.allOf(Source.class);
        without.removeAll(bySource.keySet());
        if (!without.isEmpty()) {
            throw new IllegalStateException("no producer client calls " + without);
        }
        return bySource;
    }
}
