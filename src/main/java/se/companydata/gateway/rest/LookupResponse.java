package se.companydata.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import se.companydata.gateway.domain.ErrorSource;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.ProducerStatus;

/** The v1 JSON answer: items keyed by UD code in UD order, each with its producer and value or error. */
public record LookupResponse(String transactionId, Identity identity, Map<String, Item> items,
                             Map<String, ProducerView> producers) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(IdentityType type, String number, Integer namnskyddslopnummer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String name, String producer, Instant retrievedAt, ItemValue value, Error error) {
    }

    public record Error(ErrorType type, ErrorSource source, String description) {
        static Error of(ItemError e) {
            return e == null ? null : new Error(e.type(), e.source(), e.description());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProducerView(String status, String description, boolean fromCache, Instant retrievedAt, long latencyMs) {
    }

    static LookupResponse of(LookupResult result) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (ItemResult r : result.items()) {
            items.put(r.item().name(), new Item(r.item().alias(), r.producer().name(), r.retrievedAt(), r.value(), Error.of(r.error())));
        }
        Map<String, ProducerView> producers = new LinkedHashMap<>();
        for (ProducerStatus s : result.producers().values()) {
            producers.put(s.producer().name(), new ProducerView(s.error() == null ? "OK" : s.error().name(), s.description(),
                    s.fromCache(), s.retrievedAt(), s.latencyMillis()));
        }
        var id = result.companyId();
        return new LookupResponse(result.transactionId(), new Identity(id.type(), id.number(), id.namnskyddslopnummer()), items, producers);
    }
}
