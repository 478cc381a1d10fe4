package se.companydata.gateway.domain;

import java.util.Map;

/**
 * What one producer endpoint holds about one business: item values, and items the producer itself
 * marked with an error. A person with several businesses has one record per namnskyddslöpnummer.
 *
 * @param heldBy items whose data the answer names another producer for (VDM's {@code dataproducent}:
 *               Bolagsverket hands out several blocks that are SCB's data); every other item is the
 *               answering producer's
 */
public record ProducerRecord(Integer namnskyddslopnummer, Map<UdItem, ItemValue> values, Map<UdItem, ItemError> errors,
                             Map<UdItem, Producer> heldBy) {

    public ProducerRecord {
        values = Map.copyOf(values);
        errors = Map.copyOf(errors);
        heldBy = Map.copyOf(heldBy);
    }

    public ProducerRecord(Integer namnskyddslopnummer, Map<UdItem, ItemValue> values, Map<UdItem, ItemError> errors) {
        this(namnskyddslopnummer, values, errors, Map.of());
    }

    /** The producer whose data the item is, given the one that answered. */
    public Producer producerOf(UdItem item, Producer answering) {
        return heldBy.getOrDefault(item, answering);
    }
}
