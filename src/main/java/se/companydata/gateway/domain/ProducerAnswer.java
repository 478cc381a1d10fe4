package se.companydata.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * One source's answer about one identity — the unit the gateway caches and merges. Never an
 * exception: a producer that failed gives an answer with {@link Outcome#FAILED} and the error
 * every item from it will carry.
 *
 * @param failure set when the outcome is FAILED or NOT_FOUND
 * @param protectedIdentity Skatteverket's marking of a sole trader with protected personal data
 * @param cacheable false when the answer reflects a failure anywhere (recovery must show at once), or that the
 *                  producer does not know the identity
 */
public record ProducerAnswer(Source source, Outcome outcome, ItemError failure, List<ProducerRecord> records,
                             boolean protectedIdentity, boolean cacheable, Instant retrievedAt, long latencyMillis) {

    public enum Outcome {
        FOUND,
        NOT_FOUND,
        FAILED
    }

    public ProducerAnswer {
        records = List.copyOf(records);
    }

    public static ProducerAnswer found(Source source, List<ProducerRecord> records, boolean protectedIdentity) {
        return new ProducerAnswer(source, Outcome.FOUND, null, records, protectedIdentity, true, Instant.now(), 0);
    }

    /** Not cached: an identity no producer knows is not a company to remember (a typo now may be registered tomorrow). */
    public static ProducerAnswer notFound(Source source, String description) {
        return new ProducerAnswer(source, Outcome.NOT_FOUND, ItemError.byProducer(ErrorType.ForetagFinnsEj, description),
                List.of(), false, false, Instant.now(), 0);
    }

    public static ProducerAnswer failed(Source source, ItemError failure) {
        return new ProducerAnswer(source, Outcome.FAILED, failure, List.of(), false, false, Instant.now(), 0);
    }

    public ProducerAnswer withLatency(long millis) {
        return new ProducerAnswer(source, outcome, failure, records, protectedIdentity, cacheable, retrievedAt, millis);
    }

    public ProducerAnswer withRecords(List<ProducerRecord> newRecords, boolean stillCacheable) {
        return new ProducerAnswer(source, outcome, failure, newRecords, protectedIdentity, cacheable && stillCacheable,
                retrievedAt, latencyMillis);
    }
}
