package se.companydata.gateway.domain;

import java.time.Instant;

/** One item of an answer: its producer, and either its value (with retrieval time) or an error. */
public record ItemResult(UdItem item, Producer producer, Instant retrievedAt, ItemValue value, ItemError error) {

    public static ItemResult disclosed(UdItem item, Producer producer, Instant retrievedAt, ItemValue value) {
        return new ItemResult(item, producer, retrievedAt, value, null);
    }

    public static ItemResult failed(UdItem item, Producer producer, ItemError error) {
        return new ItemResult(item, producer, null, null, error);
    }
}
