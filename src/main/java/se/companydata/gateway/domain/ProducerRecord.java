package se.companydata.gateway.domain;

import java.util.Map;

/**
 * What one producer holds about one business: item values, and items the producer itself
 * marked with an error. A person with several businesses has one record per namnskyddslöpnummer.
 */
public record ProducerRecord(Integer namnskyddslopnummer, Map<UdItem, ItemValue> values, Map<UdItem, ItemError> errors) {

    public ProducerRecord {
        values = Map.copyOf(values);
        errors = Map.copyOf(errors);
    }
}
