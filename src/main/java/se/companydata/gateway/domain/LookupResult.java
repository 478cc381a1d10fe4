package se.companydata.gateway.domain;

import java.util.List;
import java.util.Map;

/** The merged answer: one result per requested item (in UD order) and a status per producer consulted (in producer order). */
public record LookupResult(CompanyId companyId, String transactionId, List<ItemResult> items,
                           Map<Producer, ProducerStatus> producers) {

    public LookupResult {
        items = List.copyOf(items);
        // EnumMap keeps producer order; it cannot be built from an empty map (no producer asked: every item refused).
        producers = producers.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(producers));
    }

    /** Partial when some item is missing for want of a producer ({@link ErrorType#isShortfall()}); complete otherwise. */
    public boolean isPartial() {
        return items.stream().anyMatch(item -> item.error() != null && item.error().type().isShortfall());
    }
}
