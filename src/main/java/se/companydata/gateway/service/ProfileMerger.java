package se.companydata.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerAnswer.Outcome;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.ProducerStatus;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/**
 * Builds the answer from producer answers: each item from its primary producer, its value passed
 * through as the producer gave it, or the reason it has none. Never changes a value.
 */
@ApplicationScoped
public class ProfileMerger {

    private final ItemMapping mapping;

    ProfileMerger(ItemMapping mapping) {
        this.mapping = mapping;
    }

    /** One result per item in UD order: fetched items from their producer's answer, refused ones as EjBehorig. */
    public List<ItemResult> items(CompanyId id, Set<UdItem> fetched, Set<UdItem> refused, Map<Source, ProducerAnswer> answers) {
        List<ItemResult> results = new ArrayList<>(fetched.size() + refused.size());
        for (UdItem item : UdItem.values()) {
            if (fetched.contains(item)) {
                results.add(item(id, item, answers.get(mapping.sourceOf(item))));
            } else if (refused.contains(item)) {
                results.add(ItemResult.failed(item, mapping.producerOf(item), ItemError.byGateway(ErrorType.EjBehorig,
                        "the e-service is not entitled to this item")));
            }
        }
        return results;
    }

    private ItemResult item(CompanyId id, UdItem item, ProducerAnswer answer) {
        Producer producer = answer.source().producer();
        if (answer.outcome() != Outcome.FOUND) {
            return ItemResult.failed(item, producer, answer.failure());
        }
        List<ProducerRecord> records = answer.records();
        ProducerRecord record = null;
        if (id.namnskyddslopnummer() != null) {
            for (ProducerRecord r : records) {
                if (r.namnskyddslopnummer() == null ? records.size() == 1 : r.namnskyddslopnummer().equals(id.namnskyddslopnummer())) {
                    record = r;
                }
            }
            if (record == null) {
                return ItemResult.failed(item, producer, ItemError.byProducer(ErrorType.ForetagFinnsEj,
                        producer + " has no business with namnskyddslopnummer " + id.namnskyddslopnummer() + " for this person"));
            }
        } else if (records.size() == 1) {
            record = records.get(0);
        } else {
            return ItemResult.failed(item, producer, ItemError.byGateway(ErrorType.TvetydigBegaran,
                    "the person has " + records.size() + " businesses (namnskyddslopnummer "
                            + records.stream().map(r -> String.valueOf(r.namnskyddslopnummer())).collect(Collectors.joining(", "))
                            + "); give namnskyddslopnummer to choose one"));
        }
        Producer holder = record.producerOf(item, producer);
        ItemError error = record.errors().get(item);
        if (error != null) {
            return ItemResult.failed(item, holder, error);
        }
        ItemValue value = record.values().get(item);
        return value != null
                ? ItemResult.disclosed(item, holder, answer.retrievedAt(), value)
                : ItemResult.failed(item, holder, ItemError.byProducer(ErrorType.UppgiftFinnsEj, holder + " holds no value for this item"));
    }

    /** One status per producer; SCB's two sources fold into one. */
    public Map<Producer, ProducerStatus> statuses(Map<Source, ProducerAnswer> answers, Map<Source, Boolean> fromCache) {
        Map<Producer, ProducerStatus> statuses = new EnumMap<>(Producer.class);
        for (var entry : answers.entrySet()) {
            ProducerAnswer a = entry.getValue();
            ItemError failure = a.failure();
            ProducerStatus mine = new ProducerStatus(a.source().producer(), failure == null ? null : failure.type(),
                    failure == null ? null : failure.description(), fromCache.get(entry.getKey()), a.retrievedAt(),
                    a.latencyMillis());
            statuses.merge(mine.producer(), mine, ProfileMerger::fold);
        }
        return statuses;
    }

    /** The producer's status is its most serious one: a failure over "not found" over OK. */
    private static ProducerStatus fold(ProducerStatus x, ProducerStatus y) {
        ProducerStatus reported = severity(y) > severity(x) ? y : x;
        return new ProducerStatus(x.producer(), reported.error(), reported.description(), x.fromCache() && y.fromCache(),
                x.retrievedAt().isBefore(y.retrievedAt()) ? x.retrievedAt() : y.retrievedAt(),
                Math.max(x.latencyMillis(), y.latencyMillis()));
    }

    private static int severity(ProducerStatus s) {
        return s.error() == null ? 0 : s.error() == ErrorType.ForetagFinnsEj ? 1 : 2;
    }

    /**
     * True when every producer asked says it does not know the company at all. SCB's workplace list cannot say so (an
     * empty list is also a company without workplaces): its answer counts only when nothing else was asked, or when it
     * failed (a producer that could not answer knows nothing either way).
     */
    public boolean nobodyKnows(Map<Source, ProducerAnswer> answers) {
        var telling = answers.values().stream().filter(a -> a.source() != Source.SCB_ARBETSSTALLEN || answers.size() == 1
                || a.outcome() == Outcome.FAILED).toList();
        return !telling.isEmpty() && telling.stream().allMatch(a -> a.outcome() == Outcome.NOT_FOUND
                && a.failure().type() == ErrorType.ForetagFinnsEj);
    }

    public String producerNames(Map<Source, ProducerAnswer> answers) {
        Set<String> names = new TreeSet<>();
        answers.keySet().forEach(s -> names.add(s.producer().name()));
        return String.join(", ", names);
    }
}
